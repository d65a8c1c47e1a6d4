/* stb: Debian's stb_image and stb_image_resize compiled into fuzz_png with the fuzzer's
 * instrumentation, so libFuzzer sees inside the decoder the kiosk reads pictures with (the
 * shared libstb is not instrumented). The definitions here take the place of libstb's. */
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_RESIZE_IMPLEMENTATION
#include <stb_image.h>
#include <stb_image_resize.h>
