/* notify: tells the service manager (systemd) that the kiosk is up (READY=1) and that its main
 * loop still turns (WATCHDOG=1), with sd_notify's datagram on $NOTIFY_SOCKET. A hung kiosk stops
 * pinging and is restarted. Does nothing when not started by systemd. No SDL here. */
#ifndef PALLAY_NOTIFY_H
#define PALLAY_NOTIFY_H

/* Reads $NOTIFY_SOCKET and $WATCHDOG_USEC (only when $WATCHDOG_PID, if set, is this process).
 * Returns how often to ping, in milliseconds (half the watchdog's time), or -1 for never. */
int notify_open(void);
/* Sends one message ("READY=1", "WATCHDOG=1", "STOPPING=1"). 0, or -1 (nobody listens). */
int notify_send(const char *message);

#endif
