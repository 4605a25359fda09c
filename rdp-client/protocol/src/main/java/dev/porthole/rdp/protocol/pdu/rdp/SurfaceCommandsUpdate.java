package dev.porthole.rdp.protocol.pdu.rdp;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.9.1.2.1.10 Fast-Path Surface Commands Update (TS_FP_SURFCMDS): the surface commands of
 * section 2.2.9.2, one after another until the update data ends.
 */
public record SurfaceCommandsUpdate(List<SurfaceCommand> commands) implements OutputUpdate {

    public SurfaceCommandsUpdate {
        if (commands == null) {
            throw RdpException.argument("TS_FP_SURFCMDS", "surfaceCommands", "is null");
        }
        commands = List.copyOf(commands);
    }

    @Override
    public int fastPathUpdateCode() {
        return FASTPATH_UPDATETYPE_SURFCMDS;
    }

    @Override
    public int fastPathSize() {
        int size = 0;
        for (SurfaceCommand c : commands) {
            size += c.size();
        }
        return size;
    }

    @Override
    public void encodeFastPath(ByteBuf out) {
        for (SurfaceCommand c : commands) {
            c.encode(out);
        }
    }

    static SurfaceCommandsUpdate decode(ByteBuf in) {
        List<SurfaceCommand> commands = new ArrayList<>();
        while (in.isReadable()) {
            commands.add(SurfaceCommand.decode(in, commands.size()));
        }
        return new SurfaceCommandsUpdate(commands);
    }
}
