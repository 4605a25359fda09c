package dev.porthole.hw.evdev;

/** Event types and codes from linux/input-event-codes.h that hw-drivers uses by name. */
public final class EvdevCodes {
    public static final int EV_SYN = 0x00;
    public static final int EV_KEY = 0x01;
    public static final int EV_REL = 0x02;
    public static final int EV_ABS = 0x03;
    public static final int EV_MSC = 0x04;
    public static final int EV_SW = 0x05;
    public static final int EV_LED = 0x11;
    public static final int EV_REP = 0x14;
    public static final int EV_MAX = 0x1f;

    public static final int SYN_REPORT = 0;
    public static final int SYN_CONFIG = 1;
    public static final int SYN_MT_REPORT = 2;
    public static final int SYN_DROPPED = 3;

    public static final int REL_X = 0x00;
    public static final int REL_Y = 0x01;
    public static final int REL_HWHEEL = 0x06;
    public static final int REL_WHEEL = 0x08;
    public static final int REL_WHEEL_HI_RES = 0x0b;
    public static final int REL_HWHEEL_HI_RES = 0x0c;
    public static final int REL_MAX = 0x0f;

    public static final int ABS_X = 0x00;
    public static final int ABS_Y = 0x01;
    public static final int ABS_MT_SLOT = 0x2f;
    public static final int ABS_MT_POSITION_X = 0x35;
    public static final int ABS_MT_POSITION_Y = 0x36;
    public static final int ABS_MT_TRACKING_ID = 0x39;
    public static final int ABS_MAX = 0x3f;

    public static final int KEY_ESC = 1;
    public static final int KEY_A = 30;
    public static final int KEY_Z = 44;
    public static final int KEY_ENTER = 28;
    public static final int KEY_SPACE = 57;
    public static final int KEY_MAX = 0x2ff;

    public static final int BTN_MISC = 0x100;
    public static final int BTN_LEFT = 0x110;
    public static final int BTN_RIGHT = 0x111;
    public static final int BTN_MIDDLE = 0x112;
    public static final int BTN_SIDE = 0x113;
    public static final int BTN_EXTRA = 0x114;
    public static final int BTN_FORWARD = 0x115;
    public static final int BTN_BACK = 0x116;
    public static final int BTN_TOOL_PEN = 0x140;
    public static final int BTN_TOOL_FINGER = 0x145;
    public static final int BTN_TOUCH = 0x14a;

    public static final int LED_NUML = 0x00;
    public static final int LED_CAPSL = 0x01;
    public static final int LED_SCROLLL = 0x02;
    public static final int LED_MAX = 0x0f;

    public static final int INPUT_PROP_POINTER = 0x00;
    public static final int INPUT_PROP_DIRECT = 0x01;

    /** BUS_USB. */
    public static final int BUS_USB = 0x03;
    /** BUS_VIRTUAL. */
    public static final int BUS_VIRTUAL = 0x06;

    private EvdevCodes() {}
}
