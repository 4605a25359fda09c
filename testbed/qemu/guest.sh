#!/bin/sh
# Runs inside the QEMU guest, chrooted into the host's root (read-only). Copied into the shared
# directory by dev.porthole.testbed.qemu.QemuVm together with run.env (JAVA, CLASSPATH, MAIN, ARGS,
# JAVA_OPTS, MODULES). Module autoload does not work in the chroot (the usermode helper runs in the
# initramfs root), so the device modules are loaded explicitly.
SHARE=/run/porthole-vm
cat /proc/uptime > "$SHARE/guest-started"
. "$SHARE/run.env"
for m in $MODULES; do
  modprobe "$m" || echo "porthole-guest: modprobe $m failed"
done
# wait for the device nodes the modules create (devtmpfs; there is no udev)
i=0
while [ $i -lt 100 ]; do
  missing=""
  for n in $WAIT_FOR; do [ -e "$n" ] || missing="$missing $n"; done
  [ -z "$missing" ] && break
  sleep 0.1; i=$((i + 1))
done
[ -n "$missing" ] && echo "porthole-guest: still missing after 10 s:$missing"
# keep the text console off the framebuffer: no cursor, no messages over the test patterns
for v in /sys/class/vtconsole/vtcon*/bind; do echo 0 > "$v" 2>/dev/null; done
echo "porthole-guest: kernel $(uname -r), modules loaded, running $MAIN"
mkdir -p /run/tmp
cd /run/tmp
"$JAVA" $JAVA_OPTS -cp "$CLASSPATH" $MAIN $ARGS > "$SHARE/guest-java.log" 2>&1
echo $? > "$SHARE/exit-code"
cat /proc/uptime > "$SHARE/guest-finished"
