/* stb_vorbis: Debian's stb_vorbis compiled into fuzz_ogg with the fuzzer's instrumentation, so
 * libFuzzer sees inside the decoder the kiosk plays voices with (the shared libstb is not
 * instrumented). The definitions here take the place of libstb's. */
#include <stb_vorbis.h>
