/**
 * The Porthole plugin SDK: what a vendor plugin implements and what it calls. It mirrors the
 * out-of-process RDP plugin model of the Microsoft DVC client API ({@code IWTSPlugin},
 * {@code IWTSVirtualChannelManager}, {@code IWTSListenerCallback}, {@code IWTSVirtualChannel},
 * {@code IWTSVirtualChannelCallback}) so a vendor who has written one can write the other.
 *
 * <h2>Lifecycle</h2>
 * {@link dev.porthole.plugin.api.Plugin#initialize} (once; create listeners here) →
 * ({@link dev.porthole.plugin.api.Plugin#connected} → channels come and go →
 * {@link dev.porthole.plugin.api.Plugin#disconnected})* →
 * {@link dev.porthole.plugin.api.Plugin#terminated} (once; no calls after it).
 *
 * <h2>Threading rules</h2>
 * <ul>
 *   <li>Calls reach the plugin <b>one at a time</b>, in order, on one dispatch thread, and <b>never
 *       re-entrantly</b>: nothing the plugin calls ({@link dev.porthole.plugin.api.Channel#write},
 *       {@link dev.porthole.plugin.api.Channel#close}, {@link dev.porthole.plugin.api.ChannelManager#createListener})
 *       calls back into it before it returns. Closing a channel from inside
 *       {@link dev.porthole.plugin.api.ChannelCallback#onClose} is a harmless no-op, not a deadlock.</li>
 *   <li>Callbacks must not block: a callback that runs for longer than the host's limit gets the
 *       plugin restarted.</li>
 *   <li>{@code write} and {@code close} may also be called from the plugin's own threads.</li>
 * </ul>
 *
 * <h2>Messages</h2>
 * A message written by the server application arrives whole, in one
 * {@link dev.porthole.plugin.api.ChannelCallback#onDataReceived} call; every {@code write} arrives
 * whole at the server. Fragmentation, flow control and the RDP protocol are the host's work.
 *
 * <h2>Output</h2>
 * Lines written to {@code System.out} and {@code System.err} reach the device log, tagged with the
 * plugin id.
 */
package dev.porthole.plugin.api;
