# Pallay: the kiosk (pallay), its headless companion (pallayctl), content, tests, demo, bench.
# `make run` and `make test` install what is missing first (kiosk/setup.sh).

CC       ?= cc
BUILD    ?= build
CFLAGS   ?= -O2 -g
SAN      ?=
WARN      = -std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE
PKGS_CLI  = sqlite3 stb libsodium
PKGS      = sdl2 SDL2_mixer vorbisenc vorbis ogg libcurl $(PKGS_CLI)
DEPFLAGS  = -MMD -MP
ifneq ($(SAN),)
CFLAGS   += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -DPALLAY_TEST_HOOKS
LDFLAGS  += -fsanitize=address,undefined
endif

pc_cflags = $(shell pkg-config --cflags $(1) 2>/dev/null)
pc_libs   = $(shell pkg-config --libs $(1) 2>/dev/null)

# The formats records travel in (no SDL, no network): both programs and the tests link them.
SYNC   = sync/bech32 sync/age sync/minisign sync/identity sync/receipt sync/bundle sync/courier
CORE   = $(SYNC) base/err base/report base/trace base/text base/settings \
         content/po content/module content/catalog content/picture narration/narration \
         content/signs content/ppe ui/layout ui/wrap ui/font ui/button ui/keyboard store/store store/records store/stats \
         store/pin store/people store/workshops store/handover
KIOSK  = $(CORE) platform/platform platform/loader platform/sticks platform/uplink platform/notify platform/gfx platform/audio platform/capture narration/encode ui/widget \
         screens/language screens/who screens/sign screens/home screens/player screens/quiz \
         screens/error screens/panel screens/pin screens/facilitator screens/workshop \
         screens/register screens/equipment screens/summary screens/recorder screens/withdraw screens/send script runner services outbox boot kiosk main
CLI    = $(CORE) sync/envelope net/network net/merge net/csv net/report net/page net/xapi cli/check cli/cli cli/reports cli/facilitate cli/review cli/voices cli/sync cli/merge cli/report cli/pallayctl
TESTS  = test_po test_module test_wrap test_layout test_settings test_script test_records test_facilitation test_keyboard test_baddb test_kill test_store test_sync test_bundle

KIOSK_OBJ = $(KIOSK:%=$(BUILD)/obj/%.o)
CLI_OBJ   = $(CLI:%=$(BUILD)/obj/%.o)
CORE_OBJ  = $(CORE:%=$(BUILD)/obj/%.o)

.PHONY: all deps content run test unit demo bench clean install valgrind

all: $(BUILD)/pallay $(BUILD)/pallayctl

deps:
	@kiosk/setup.sh

$(BUILD)/obj/%.o: app/%.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(DEPFLAGS) $(call pc_cflags,$(PKGS)) -c $< -o $@

$(BUILD)/pallay: $(KIOSK_OBJ)
	$(CC) $(LDFLAGS) $^ $(call pc_libs,$(PKGS)) -lm -o $@

$(BUILD)/pallayctl: $(CLI_OBJ)
	$(CC) $(LDFLAGS) $^ $(call pc_libs,$(PKGS_CLI)) -lm -o $@

$(BUILD)/tests/%: tests/%.c tests/check.h tests/fixtures.h $(CORE_OBJ) $(BUILD)/obj/script.o
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) -Iapp $(call pc_cflags,$(PKGS_CLI)) $(LDFLAGS) $(filter %.c %.o,$^) $(call pc_libs,$(PKGS_CLI)) -lm -o $@

# Pictures from SVG, narration from the .po files, sound effects: incremental.
content: $(BUILD)/pallayctl
	@kiosk/build-content.sh $(BUILD)/pallayctl build/content

# Status 3 is "no display": pallay has already said so in one line that names make demo.
run: deps
	@$(MAKE) --no-print-directory all content
	@$(BUILD)/pallay $(ARGS) || [ $$? -eq 3 ]

# The whole suite runs on a build with AddressSanitizer and UndefinedBehaviorSanitizer.
test: deps
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 all $(TESTS:%=build/asan/tests/%)
	@$(MAKE) --no-print-directory BUILD=build/asan content
	@tests/run.sh build/asan

demo: deps
	@$(MAKE) --no-print-directory all content
	@tests/demo.sh $(BUILD) $(BUILD)/demo

bench: deps
	@$(MAKE) --no-print-directory all content $(BUILD)/bench_exec $(BUILD)/tests/bench_sync
	@tests/bench.sh $(BUILD)

# One full session (PIN, registration, equipment, lesson, quiz, a USB handover) under memcheck:
# no invalid access, no byte definitely or indirectly lost. Minutes: not part of make test.
valgrind: deps
	@$(MAKE) --no-print-directory all content
	@tests/valgrind.sh $(BUILD)

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

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
