#!/bin/busybox sh
# /init of the test initramfs (built at test time by dev.porthole.testbed.qemu.Initramfs).
# Loads the virtio/9p modules, mounts the host's root read-only over virtio-9p ('hostroot') and the
# test's shared directory read-write ('share'), then runs the guest script inside that root. The
# host's /tmp stays visible (read-only) because a checkout or Maven repository may live there; the
# guest's scratch space is the tmpfs on /run.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in $(cat /mods/order); do
  insmod "/mods/$m" || echo "porthole-init: insmod $m failed"
done
if ! mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=262144 hostroot /newroot; then
  echo "porthole-init: cannot mount the host root over 9p"; poweroff -f
fi
mount -t proc proc /newroot/proc
mount -t sysfs sys /newroot/sys
mount -t devtmpfs dev /newroot/dev
mount -t tmpfs tmpfs /newroot/run
mkdir -p /newroot/run/porthole-vm
if ! mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 share /newroot/run/porthole-vm; then
  echo "porthole-init: cannot mount the shared directory over 9p"; poweroff -f
fi
echo "porthole-init: starting guest script"
chroot /newroot /bin/sh /run/porthole-vm/guest.sh
echo "porthole-init: guest script finished"
poweroff -f
