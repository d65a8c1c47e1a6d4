/* kiosk: the SDL program: main loop, screen stack, input, narration and the script runner. */
#ifndef PALLAY_KIOSK_H
#define PALLAY_KIOSK_H

#include "base/settings.h"

/* Runs the kiosk until it is closed or its script ends. problems ("" for none): what was wrong in
 * the settings file, one per line, shown to the facilitator at start. Returns the process exit
 * status: 0 normally, 1 if it cannot start, 2 if a script step failed, 3 if there is no display. */
int kiosk_run(const Settings *s, const char *problems);

#endif
