package dev.porthole.hw.evdev;

import java.util.Map;
import java.util.Set;

/** What Porthole knows about an input device once opened: node, name, ids, capabilities, classes, axis ranges. */
public record DeviceInfo(String node, String name, InputId id, Capabilities capabilities, Set<DeviceClass> classes,
                         Map<Integer, AbsInfo> absAxes) {

    /** Immutable copies. */
    public DeviceInfo {
        classes = Set.copyOf(classes);
        absAxes = Map.copyOf(absAxes);
    }

    /** Builds the info and derives the classes from {@code capabilities}. */
    public static DeviceInfo of(String node, String name, InputId id, Capabilities capabilities, Map<Integer, AbsInfo> absAxes) {
        return new DeviceInfo(node, name, id, capabilities, capabilities.classify(), absAxes);
    }

    /** Whether the device is of class {@code c}. */
    public boolean is(DeviceClass c) {
        return classes.contains(c);
    }

    @Override
    public String toString() {
        return node + " '" + name + "' " + classes + " " + id;
    }
}
