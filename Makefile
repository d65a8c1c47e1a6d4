# Pallay: the kiosk (pallay), its headless companion (pallayctl), content, tests, demo, bench.
# `make run` and `make test` install what is missing first (kiosk/setup.sh).

# make CROSS=aarch64-linux-gnu builds for a Raspberry Pi (arm64) with Debian's cross compiler and
# the arm64 libraries (kiosk/setup.sh --cross arm64 installs them), into build/aarch64-linux-gnu.
CROSS    ?=
ifneq ($(CROSS),)
CC        = $(CROSS)-gcc
PKG_CONFIG ?= $(CROSS)-pkg-config
BUILD    ?= build/$(CROSS)
endif
CC       ?= cc
PKG_CONFIG ?= pkg-config
BUILD    ?= build
CFLAGS   ?= -O2 -g
SAN      ?=
# _XOPEN_SOURCE for strptime (cli/facilitate.c): it used to come in with SDL_mixer's flags.
WARN      = -std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600
PKGS_CLI  = sqlite3 stb libsodium libcurl
PKGS      = sdl2 vorbisenc vorbis ogg $(PKGS_CLI)
# The certificates' PDF (cli/certpdf.c): pallayctl alone links them; the kiosk and the tests do not.
PKGS_PDF  = cairo librsvg-2.0 freetype2
DEPFLAGS  = -MMD -MP
# pallayctl merge reads the next bundles on a second thread (cli/merge.c): compiled and linked with
# -pthread, in every build (sanitizers, arm64) since they share these rules.
THREADS   = -pthread
ifneq ($(SAN),)
CFLAGS   += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -DPALLAY_TEST_HOOKS
LDFLAGS  += -fsanitize=address,undefined
endif

pc_cflags = $(shell $(PKG_CONFIG) --cflags $(1) 2>/dev/null)
pc_libs   = $(shell $(PKG_CONFIG) --libs $(1) 2>/dev/null)

# The formats records travel in, and the WebDAV folder they go to (no SDL): both programs and the tests link them.
SYNC   = sync/bech32 sync/age sync/minisign sync/identity sync/receipt sync/bundle sync/courier sync/dav sync/packfetch
CORE   = $(SYNC) base/err base/hold base/report base/trace base/text base/settings \
         content/po content/module content/catalog content/picture content/sound narration/narration \
         content/signs content/ppe content/pack content/install content/feed ui/layout ui/wrap ui/font ui/button ui/keyboard store/store store/records store/stats \
         store/pin store/people store/workshops store/handover store/voice
KIOSK  = $(CORE) platform/curlso platform/platform platform/loader platform/say platform/task platform/sticks platform/uplink platform/notify platform/gfx platform/audio platform/capture narration/encode ui/widget \
         screens/language screens/who screens/sign screens/home screens/player screens/quiz \
         screens/error screens/course screens/tellus screens/panel screens/pin screens/facilitator screens/workshop \
         screens/register screens/equipment screens/summary screens/recorder screens/withdraw screens/certs screens/send script runner services outbox inbox boot kiosk main cli/check
CLI    = $(CORE) sync/envelope net/network net/merge net/csv net/report net/names net/missed net/html net/voices net/page net/xapi cli/check cli/cli cli/reports cli/facilitate cli/review cli/packs cli/sync cli/merge cli/report cli/fetch cli/publish net/certificate cli/certificate cli/certpdf cli/pallayctl
TESTS  = test_po test_module test_wrap test_sound test_layout test_settings test_script test_records test_facilitation test_keyboard test_baddb test_kill test_store test_sync test_bundle test_dav test_feed
# Parsers of outside input, fuzzed (tests/fuzz/fuzz_NAME.c, seed corpus in tests/fuzz/NAME/).
FUZZ   = module po signs ppe conf script png ogg age minisign bundle pack davlist feed

KIOSK_OBJ = $(KIOSK:%=$(BUILD)/obj/%.o)
CLI_OBJ   = $(CLI:%=$(BUILD)/obj/%.o)
CORE_OBJ  = $(CORE:%=$(BUILD)/obj/%.o)

.PHONY: all deps content run test unit demo bench fuzz clean install valgrind soak test-arm64 bench-peer

all: $(BUILD)/pallay $(BUILD)/pallayctl

deps:
	@kiosk/setup.sh

$(BUILD)/obj/%.o: app/%.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(THREADS) $(DEPFLAGS) $(call pc_cflags,$(PKGS)) $(OBJ_PKGS) -c $< -o $@

$(BUILD)/obj/cli/certpdf.o: OBJ_PKGS = $(call pc_cflags,$(PKGS_PDF))

# The kiosk loads libcurl only once it talks to a network (platform/curlso.c): not linked.
$(BUILD)/pallay: $(KIOSK_OBJ)
	$(CC) $(LDFLAGS) $^ $(call pc_libs,$(filter-out libcurl,$(PKGS))) -lm -o $@

$(BUILD)/pallayctl: $(CLI_OBJ)
	$(CC) $(LDFLAGS) $(THREADS) $^ $(call pc_libs,$(PKGS_CLI) $(PKGS_PDF)) -lm -o $@

$(BUILD)/tests/%: tests/%.c tests/check.h tests/fixtures.h tests/bench_records.h $(CORE_OBJ) $(BUILD)/obj/script.o
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(THREADS) -Iapp $(call pc_cflags,$(PKGS_CLI)) $(LDFLAGS) $(filter %.c %.o,$^) $(call pc_libs,$(PKGS_CLI)) -lm -o $@

# The kiosk's compose table typed through libX11's input method (tests/x11compose_test.sh).
$(BUILD)/tests/x11compose: tests/x11compose.c tests/check.h
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(call pc_cflags,x11) $(LDFLAGS) $< $(call pc_libs,x11) -o $@

# Each fuzz target without libFuzzer: make test replays its corpus and crash reproducers (tests/fuzz_test.sh).
$(BUILD)/tests/fuzz_replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(CORE_OBJ) $(BUILD)/obj/script.o
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) -Iapp $(call pc_cflags,$(PKGS_CLI)) $(LDFLAGS) $(filter %.c %.o,$^) $(call pc_libs,$(PKGS_CLI)) -lm -o $@

# libFuzzer: clang, its own object tree. `make fuzz SECONDS=N [TARGETS="po png"]` runs each target N seconds, one
# after the other (one process: the machine is shared); new inputs go to build/fuzz/corpus/NAME,
# a crash's reproducer to tests/fuzz/NAME/ (keep it there: make test replays it). The input file of
# a target that reads a path is written in memory (FUZZ_TMP), not to the disk, thousands of times a second.
FUZZ_CC    ?= clang
FUZZ_FLAGS  = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_OBJ    = $(CORE:%=build/fuzz/obj/%.o) build/fuzz/obj/script.o
SECONDS    ?= 60
FUZZ_TMP   ?= /dev/shm
TARGETS    ?= $(FUZZ)
.SECONDARY: $(FUZZ_OBJ)

build/fuzz/obj/%.o: app/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(DEPFLAGS) $(call pc_cflags,$(PKGS_CLI)) -c $< -o $@

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer -Iapp $(call pc_cflags,$(PKGS_CLI)) $(filter %.c %.o,$^) $(call pc_libs,$(PKGS_CLI)) -lm -o $@

# The picture decoder itself, instrumented (tests/fuzz/stb.c): third-party code, no -Werror, and
# without the checks of NULL + 0 and memcpy(NULL, p, 0) (stb 2.27 does both on a PNG's empty IDAT
# chunk, harmless as Debian builds it; the reproducer stays in tests/fuzz/png/), so the fuzzer goes
# on to real faults.
build/fuzz/obj/stb.o: tests/fuzz/stb.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fno-sanitize=pointer-overflow,nonnull-attribute -fsanitize=fuzzer-no-link $(call pc_cflags,$(PKGS_CLI)) -c $< -o $@

build/fuzz/fuzz_png: build/fuzz/obj/stb.o

# The same for stb_vorbis in fuzz_ogg (tests/fuzz/stb_vorbis.c), with AddressSanitizer but without
# UndefinedBehaviorSanitizer: on damaged files stb_vorbis 1.22 shifts the -1 it reads past a
# packet's end, adds 0 to a NULL list, casts an infinity to an int and overflows an int with a
# garbage sample before it clamps it (each found in minutes), all harmless as compilers build
# them; memory faults are what the fuzzer is there for (two found, see content/sound.c). The
# reproducers stay in tests/fuzz/ogg/. Our own reader keeps every check.
build/fuzz/obj/stb_vorbis.o: tests/fuzz/stb_vorbis.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fno-sanitize=undefined -fsanitize=fuzzer-no-link $(call pc_cflags,$(PKGS_CLI)) -c $< -o $@

build/fuzz/fuzz_ogg: build/fuzz/obj/stb_vorbis.o

fuzz:
	@$(MAKE) --no-print-directory $(TARGETS:%=build/fuzz/fuzz_%)
	@failed=0; for t in $(TARGETS); do \
	    mkdir -p build/fuzz/corpus/$$t; \
	    TMPDIR=$(FUZZ_TMP) build/fuzz/fuzz_$$t -max_total_time=$(SECONDS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	        -artifact_prefix=tests/fuzz/$$t/ build/fuzz/corpus/$$t tests/fuzz/$$t >build/fuzz/$$t.log 2>&1 \
	        || { failed=$$((failed + 1)); echo "FAIL fuzz_$$t: see build/fuzz/$$t.log"; }; \
	    echo "fuzz_$$t: $$(grep -E '^#[0-9]+' build/fuzz/$$t.log | tail -1 | sed 's/  */ /g'); $$(grep -E '^stat::number_of_executed_units' build/fuzz/$$t.log | sed 's/.*: */execs /')"; \
	done; [ $$failed -eq 0 ]

# Pictures from SVG, narration from the .po files, sound effects: incremental.
content: $(BUILD)/pallayctl
	@kiosk/build-content.sh $(BUILD)/pallayctl build/content

# Compiling uses every core.
JOBS ?= $(shell nproc 2>/dev/null || echo 1)

# Status 3 is "no display": pallay has already said so in one line that names make demo.
run: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@$(MAKE) --no-print-directory content
	@$(BUILD)/pallay $(ARGS) || [ $$? -eq 3 ]

# The whole suite runs on a build with AddressSanitizer and UndefinedBehaviorSanitizer, compiled
# on every core (JOBS); tests/run.sh runs the test files two at a time.
test: deps
	@$(MAKE) --no-print-directory -j$(JOBS) BUILD=build/asan SAN=1 all $(TESTS:%=build/asan/tests/%) build/asan/tests/x11compose $(FUZZ:%=build/asan/tests/fuzz_replay_%)
	@$(MAKE) --no-print-directory BUILD=build/asan content
	@tests/run.sh build/asan

demo: deps
	@$(MAKE) --no-print-directory all content
	@tests/demo.sh $(BUILD) $(BUILD)/demo

bench: deps
	@$(MAKE) --no-print-directory all content $(BUILD)/bench_exec $(BUILD)/tests/bench_sync $(BUILD)/tests/bench_fill $(BUILD)/tests/gen_bundles
	@tests/bench.sh $(BUILD)

# One full session (PIN, registration, equipment, lesson, quiz, a USB handover) under memcheck:
# no invalid access, no byte definitely or indirectly lost. Minutes: not part of make test.
valgrind: deps
	@$(MAKE) --no-print-directory all content
	@tests/valgrind.sh $(BUILD)

# The unit tests built for arm64 and run under qemu-user (no binfmt_misc needed). test_kill and
# test_baddb start the kiosk program itself, which would need binfmt_misc; test_store's Argon2id PIN
# checks beside a second writer take many minutes under emulation: those three are left out.
ARM64_TESTS = $(filter-out test_kill test_baddb test_store,$(TESTS))
test-arm64:
	@kiosk/setup.sh --cross arm64
	@$(MAKE) --no-print-directory CROSS=aarch64-linux-gnu all $(ARM64_TESTS:%=build/aarch64-linux-gnu/tests/%)
	@ls -l build/aarch64-linux-gnu/pallay build/aarch64-linux-gnu/pallayctl | awk '{ print $$5, $$9 }'
	@for t in $(ARM64_TESTS); do echo "== $$t (arm64)"; 	    BUILD=build/aarch64-linux-gnu qemu-aarch64 -L /usr/aarch64-linux-gnu build/aarch64-linux-gnu/tests/$$t; 	    [ $$? -eq 0 ] || echo "FAIL $$t: exited with an error under qemu"; done >build/aarch64-linux-gnu/test.log 2>&1; 	    grep '^FAIL' build/aarch64-linux-gnu/test.log; 	    echo "$$(grep -c '^PASS' build/aarch64-linux-gnu/test.log) passed, $$(grep -c '^FAIL' build/aarch64-linux-gnu/test.log) failed"; 	    ! grep -q '^FAIL' build/aarch64-linux-gnu/test.log

# The first screen drawn by pallay and, as the same HTML page, by Chromium headless: 10 rounds
# alternating, time to a finished frame and peak memory (PSS over all processes), and the ratios.
bench-peer: deps
	@$(MAKE) --no-print-directory all content
	@xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp -noreset" python3 tests/bench_peer.py $(BUILD) build/content

# Ten minutes of random touches, holds and keys (MS=... for another length; PALLAY_SOAK_SEED=N
# replays a run): no crash, and peak memory grows less than 1 MB after the first minute.
MS ?= 600000
soak: deps
	@$(MAKE) --no-print-directory all content
	@tests/soak.sh $(BUILD) $(MS)

$(BUILD)/bench_exec: tests/bench_exec.c
	$(CC) $(WARN) $(CFLAGS) $< -o $@

# Installs both programs, the course and its built content, and the settings with absolute paths.
# Works as a user with DESTDIR, and needs no network: it builds nothing that is not built already
# (run `make all content` first). An existing pallay.conf is never replaced; the new one is then
# written beside it as pallay.conf.new.
PREFIX     ?= /usr/local
SYSCONFDIR ?= /etc
STATEDIR   ?= /var/lib/pallay
SHARE       = $(PREFIX)/share/pallay
install: $(BUILD)/pallay $(BUILD)/pallayctl
	@test -d build/content/voice || { echo "make install: no built content; run make all content first" >&2; exit 1; }
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(SHARE) $(DESTDIR)$(SYSCONFDIR)/pallay $(DESTDIR)$(STATEDIR)
	install -m 755 $(BUILD)/pallay $(BUILD)/pallayctl $(DESTDIR)$(PREFIX)/bin/
	rm -rf $(DESTDIR)$(SHARE)/assets $(DESTDIR)$(SHARE)/locales $(DESTDIR)$(SHARE)/content
	cp -R assets locales $(DESTDIR)$(SHARE)/
	cp -R build/content $(DESTDIR)$(SHARE)/content
	sed -e 's|^assets = .*|assets = $(SHARE)/assets|' -e 's|^locales = .*|locales = $(SHARE)/locales|' \
	    -e 's|^generated = .*|generated = $(SHARE)/content|' -e 's|^db = .*|db = $(STATEDIR)/pallay.db|' \
	    -e 's|^# Where the course is (relative to the start folder, or absolute).|# Where the course is (installed by make install).|' \
	    kiosk/pallay.conf >$(DESTDIR)$(SYSCONFDIR)/pallay/pallay.conf.new
	printf 'recordings = %s/voice\n' '$(STATEDIR)' >>$(DESTDIR)$(SYSCONFDIR)/pallay/pallay.conf.new
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/pallay/pallay.conf ]; then \
	    echo "make install: kept $(DESTDIR)$(SYSCONFDIR)/pallay/pallay.conf; the new settings are in pallay.conf.new"; \
	else mv $(DESTDIR)$(SYSCONFDIR)/pallay/pallay.conf.new $(DESTDIR)$(SYSCONFDIR)/pallay/pallay.conf; fi

clean:
	rm -rf build

-include $(shell find $(BUILD) build/fuzz/obj -name '*.d' 2>/dev/null)
