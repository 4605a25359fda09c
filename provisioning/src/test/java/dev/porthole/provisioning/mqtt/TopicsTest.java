package dev.porthole.provisioning.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void wildcardMatching() {
        assertThat(Topics.matches("porthole/v1/+/dev/#", "porthole/v1/acme/dev/cmd/ping")).isTrue();
        assertThat(Topics.matches("porthole/v1/+/dev/#", "porthole/v1/acme/dev")).isTrue();
        assertThat(Topics.matches("porthole/v1/+/dev/#", "porthole/v1/acme/other/cmd")).isFalse();
        assertThat(Topics.matches("a/+/c", "a/b/c")).isTrue();
        assertThat(Topics.matches("a/+/c", "a/b/c/d")).isFalse();
        assertThat(Topics.matches("a/+", "a/")).isTrue();
        assertThat(Topics.matches("a/b", "a/b")).isTrue();
        assertThat(Topics.matches("a/b", "a/b/c")).isFalse();
        assertThat(Topics.matches("#", "$SYS/broker")).isFalse();
        assertThat(Topics.matches("+/broker", "$SYS/broker")).isFalse();
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> Topics.requirePublishable("a/+/c")).hasMessageContaining("wildcards");
        assertThatThrownBy(() -> Topics.requirePublishable("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Topics.requirePublishable("a\0b")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> Topics.requireFilter("a/#/c")).hasMessageContaining("'#' must be a whole level");
        assertThatThrownBy(() -> Topics.requireFilter("a/b+")).hasMessageContaining("'+' must be a whole level");
        assertThat(Topics.requireFilter("a/+/#")).isEqualTo("a/+/#");
    }
}
