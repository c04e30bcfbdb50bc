/** The pg-boss queue of packet builds. Its own module, so that the web server (which only enqueues) never loads the renderer. */
export const PACKET_BUILD_JOB = "packet-build";
