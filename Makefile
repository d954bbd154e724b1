# Bazaar — a multi-vendor marketplace.
#   make run      install what is missing, build, start the local shop (Ctrl-C stops it)
#   make start    the same in the background;  make stop  stops it
#   make test     build, start a private test stack, run every test, stop it
#   make bench    load-test a stack with 100,000 products (docs/benchmarks.md)
#   make fuzz     run every libFuzzer target for FUZZ_SECONDS (600) each, at once
#   make admin EMAIL=…  create an admin on the running stack (prints the enrolment link)
#   make install  PREFIX=/usr/local DESTDIR=
# Quiet unless V=1.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   := build

CC      ?= cc
CXX     ?= g++
PKGS    := fcgi libctemplate libmariadb libmemcached libsodium liboath libqrencode libcurl jansson vips pangocairo cairo-pdf xapian-core
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null)

WARN     := -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wstrict-prototypes
HARDEN   := -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
OPT      ?= -O2 -g
# cgi/lib is searched for "quoted" includes only: cgi/lib/csv.h shares its
# name with libcsv's <csv.h>, which csv.c includes too.
CPPFLAGS += -iquote cgi/lib -MMD -MP
CFLAGS   += -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) $(HARDEN) $(PKG_CFLAGS)
CXXFLAGS += -std=c++11 $(OPT) -Wall -Wextra -Werror -Wshadow $(HARDEN) $(PKG_CFLAGS)
LDFLAGS  += -pie -Wl,-z,relro,-z,now
# libcsv (Debian's libcsv-dev) has no pkg-config file.
LDLIBS   += $(PKG_LIBS) -lcsv -lstdc++ -lm
# OpenCV (libopencv-dev, libopencv-contrib-dev) for search by picture: only
# cgi/lib/imgfeat_bridge.cc includes it, and only the modules it calls are
# linked, and only into the programs that use it (--as-needed).
IMGFEAT_CFLAGS := $(shell pkg-config --cflags opencv4 2>/dev/null)
IMGFEAT_LIBS   := -lopencv_imgproc -lopencv_core -lm
LDLIBS   += -Wl,--push-state,--as-needed $(IMGFEAT_LIBS) -Wl,--pop-state
$(BUILD)/cgi/lib/imgfeat_bridge.o: CXXFLAGS += $(IMGFEAT_CFLAGS)

ifeq ($(V),1)
Q :=
else
Q := @
endif

# ---- the core library -------------------------------------------------------
LIB_C   := $(wildcard cgi/lib/*.c)
LIB_CXX := $(wildcard cgi/lib/*.cc)
LIB_OBJ := $(LIB_C:%.c=$(BUILD)/%.o) $(LIB_CXX:%.cc=$(BUILD)/%.o)
# Data compiled into the library: the common-passwords list (password.c).
LIB_OBJ += $(BUILD)/gen/common_passwords.o
LIB     := $(BUILD)/libbazaar.a

# ---- programs ---------------------------------------------------------------
SF_C     := $(wildcard cgi/storefront/*.c)
SF_OBJ   := $(SF_C:%.c=$(BUILD)/%.o)
# The page tests link the storefront without its main().
SF_PAGES := $(filter-out $(BUILD)/cgi/storefront/sf_main.o,$(SF_OBJ)) $(BUILD)/cgi/storefront/sf_main.nomain.o
VP_C     := $(wildcard cgi/vendor/*.c)
VP_OBJ   := $(VP_C:%.c=$(BUILD)/%.o)
VP_PAGES := $(filter-out $(BUILD)/cgi/vendor/vp_main.o,$(VP_OBJ)) $(BUILD)/cgi/vendor/vp_main.nomain.o
ADM_C    := $(wildcard cgi/admin/*.c)
ADM_OBJ  := $(ADM_C:%.c=$(BUILD)/%.o)
ADM_PAGES:= $(filter-out $(BUILD)/cgi/admin/adm_main.o,$(ADM_OBJ)) $(BUILD)/cgi/admin/adm_main.nomain.o
# The sandbox payment provider (development and test stacks only).
SBX_C    := $(wildcard cgi/sandbox/*.c)
SBX_OBJ  := $(SBX_C:%.c=$(BUILD)/%.o)
SBX_PAGES:= $(filter-out $(BUILD)/cgi/sandbox/sbx_main.o,$(SBX_OBJ)) $(BUILD)/cgi/sandbox/sbx_main.nomain.o
TOOL_C   := $(wildcard cgi/tools/*.c)
TOOLS    := $(patsubst cgi/tools/%.c,$(BUILD)/bin/bazaar-%,$(TOOL_C))
JOB_C    := $(wildcard cgi/jobs/*.c)
JOBS     := $(patsubst cgi/jobs/%.c,$(BUILD)/bin/bazaar-%,$(JOB_C))
PROGRAMS := $(BUILD)/bin/storefront $(BUILD)/bin/vendor $(BUILD)/bin/admin $(BUILD)/bin/sandbox $(TOOLS) $(JOBS)

# ---- tests ------------------------------------------------------------------
UNIT_C   := $(wildcard tests/unit/check_*.c)
UNIT_BIN := $(UNIT_C:tests/unit/%.c=$(BUILD)/tests/unit/%)
PAGES_C  := $(wildcard tests/pages/check_sf_*.c tests/pages/check_vp_*.c tests/pages/check_adm_*.c \
	      tests/pages/check_sbx_*.c)
PAGES_BIN:= $(PAGES_C:tests/pages/%.c=$(BUILD)/tests/pages/%)
# The checker of the statements given to the db module (tests/lint.sh runs it).
LINT_BIN := $(BUILD)/tests/lint/sqlcheck
TEST_BIN := $(UNIT_BIN) $(PAGES_BIN) $(LINT_BIN)

# ---- fuzzing (libFuzzer with ASan and UBSan, clang) ---------------------------
# Every tests/fuzz/fuzz_<name>.c is a target, with its seeds in
# tests/fuzz/corpus/<name>/: adding the file adds the target. They link a copy
# of the library built with the sanitizers in build/fuzz.
FUZZ_CC    ?= clang
FUZZ_CXX   ?= clang++
FUZZ_FLAGS := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_DIR   := $(BUILD)/fuzz
FUZZ_C     := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN   := $(FUZZ_C:tests/fuzz/%.c=$(FUZZ_DIR)/bin/%)
FUZZ_LIB   := $(FUZZ_DIR)/libbazaar.a
FUZZ_SECONDS ?= 600

# ---- static assets (fingerprinted into build/static) -------------------------
STATIC_SRC := $(shell find static -type f 2>/dev/null)
MANIFEST   := $(BUILD)/static/manifest.txt

.PHONY: all run start stop test check bench install clean deps test-build admin fuzz fuzz-build
all: $(PROGRAMS) $(MANIFEST)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/%.o: %.cc
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CXX     $<")
	$(Q)$(CXX) $(CPPFLAGS) $(CXXFLAGS) -c -o $@ $<

# The page tests link a program without its main().
$(BUILD)/%.nomain.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $< (no main)")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -DBAZAAR_NO_MAIN -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

# The list becomes one array of bytes: its entries, lower case, each ended by
# a NUL (comment and blank lines dropped), so no entry needs escaping and the
# programs find it whatever their working directory.
$(BUILD)/gen/common_passwords.c: cgi/lib/common_passwords.txt
	@mkdir -p $(@D)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)LC_ALL=C awk 'BEGIN { for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i; \
		print "/* Generated from cgi/lib/common_passwords.txt by the Makefile. */"; \
		print "#include <stddef.h>"; \
		print "extern const unsigned char password_common_data[];"; \
		print "extern const size_t password_common_size;"; \
		print "const unsigned char password_common_data[] = {" } \
		/^#/ || /^[ \t\r]*$$/ { next } \
		{ sub(/\r$$/, ""); s = tolower($$0); line = "";	\
		  for (i = 1; i <= length(s); i++) line = line ord[substr(s, i, 1)] ","; \
		  print "\t" line "0,"; size += length(s) + 1 } \
		END { print "};"; print "const size_t password_common_size = " size + 0 ";" }' \
		$< > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/common_passwords.o: $(BUILD)/gen/common_passwords.c
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/bin/storefront: $(SF_OBJ) $(LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/bin/vendor: $(VP_OBJ) $(LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/bin/admin: $(ADM_OBJ) $(LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/bin/sandbox: $(SBX_OBJ) $(LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/bin/bazaar-%: $(BUILD)/cgi/jobs/%.o $(LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The demo catalogue draws its product pictures with librsvg (trusted SVG of
# its own, rasterised in the tool; uploads never reach librsvg).
DEMO_PICTURE_PKGS := librsvg-2.0 cairo
$(BUILD)/cgi/tools/demo_catalog.o: CFLAGS += $(shell pkg-config --cflags $(DEMO_PICTURE_PKGS) 2>/dev/null)
$(BUILD)/bin/bazaar-demo_catalog: LDLIBS += $(shell pkg-config --libs $(DEMO_PICTURE_PKGS) 2>/dev/null)

$(BUILD)/bin/bazaar-%: $(BUILD)/cgi/tools/%.o $(LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) -Itests $(CFLAGS) $(CHECK_CFLAGS) -c -o $@ $<

$(BUILD)/tests/lint/%: $(BUILD)/tests/lint/%.o
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^

$(BUILD)/tests/unit/%: $(BUILD)/tests/unit/%.o $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LDLIBS)

$(BUILD)/tests/pages/check_sf_%: $(BUILD)/tests/pages/check_sf_%.o $(SF_PAGES) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LDLIBS)

$(BUILD)/tests/pages/check_vp_%: $(BUILD)/tests/pages/check_vp_%.o $(VP_PAGES) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LDLIBS)

$(BUILD)/tests/pages/check_adm_%: $(BUILD)/tests/pages/check_adm_%.o $(ADM_PAGES) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LDLIBS)

$(BUILD)/tests/pages/check_sbx_%: $(BUILD)/tests/pages/check_sbx_%.o $(SBX_PAGES) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LDLIBS)

$(FUZZ_DIR)/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZCC  $<")
	$(Q)$(FUZZ_CC) $(CPPFLAGS) -Itests -std=c11 -D_GNU_SOURCE $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/%.o: %.cc
	@mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZCXX $<")
	$(Q)$(FUZZ_CXX) $(CPPFLAGS) -std=c++11 -Wall -Wextra -Werror -Wshadow $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/cgi/lib/imgfeat_bridge.o: PKG_CFLAGS += $(IMGFEAT_CFLAGS)

$(FUZZ_DIR)/gen/common_passwords.o: $(BUILD)/gen/common_passwords.c
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(CPPFLAGS) -std=c11 $(FUZZ_FLAGS) -c -o $@ $<

$(FUZZ_LIB): $(LIB_C:%.c=$(FUZZ_DIR)/%.o) $(LIB_CXX:%.cc=$(FUZZ_DIR)/%.o) $(FUZZ_DIR)/gen/common_passwords.o
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

# Linked by clang++: the library has C++ (tmpl.cc), whose UBSan checks need
# the C++ runtime of the sanitizer.
$(FUZZ_DIR)/bin/%: $(FUZZ_DIR)/tests/fuzz/%.o $(FUZZ_LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(FUZZ_CXX) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)

fuzz-build: $(FUZZ_BIN)
# Every object is kept, so that a second make does not compile it again. Made
# through a pattern rule, an object is an intermediate file that make deletes
# once it has linked it; the next make reads the object's dependency file
# (-MMD), no longer takes it for an intermediate, finds it missing and builds
# it and everything linked from it again (every test, tool and job after
# `make` then `make test`).
.SECONDARY:

# Each target for FUZZ_SECONDS, all at once; prints the executions of each.
fuzz: deps
	$(Q)$(MAKE) --no-print-directory fuzz-build
	$(Q)FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz

$(MANIFEST): scripts/fingerprint $(STATIC_SRC)
	@$(if $(Q),echo "  ASSETS  $(BUILD)/static")
	$(Q)scripts/fingerprint static $(BUILD)/static

test-build: all $(TEST_BIN) $(FUZZ_BIN)

deps:
	$(Q)scripts/deps

run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)scripts/stack run

start: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)scripts/stack start

stop:
	$(Q)scripts/stack stop

test check:
	$(Q)scripts/deps --tests
	$(Q)$(MAKE) --no-print-directory test-build
	$(Q)scripts/test

# An admin account on the running stack (BAZAAR_VAR, default var/dev): prints
# the one-time enrolment link. There are no default admin passwords.
admin:
	$(Q)if [ -z "$(EMAIL)" ]; then echo "usage: make admin EMAIL=you@example.com [NAME='Your Name']" >&2; exit 2; fi
	$(Q)$(MAKE) --no-print-directory $(BUILD)/bin/bazaar-admin
	$(Q)env_file="$${BAZAAR_VAR:-var/dev}/env"; \
	if [ ! -r "$$env_file" ]; then echo "make admin: no stack in $${BAZAAR_VAR:-var/dev} (make start first)" >&2; exit 1; fi; \
	set -a; . "$$env_file"; set +a; $(BUILD)/bin/bazaar-admin create "$(EMAIL)" $(if $(NAME),"$(NAME)")

bench: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)scripts/bench

# Programs are installed as bazaar-<name>; templates, schema, nginx config and
# the fingerprinted assets go to share/bazaar (point BAZAAR_TEMPLATES and
# BAZAAR_STATIC_MANIFEST there).
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/bazaar
	install -m 0755 $(BUILD)/bin/storefront $(DESTDIR)$(PREFIX)/bin/bazaar-storefront
	install -m 0755 $(BUILD)/bin/vendor $(DESTDIR)$(PREFIX)/bin/bazaar-vendor
	install -m 0755 $(BUILD)/bin/admin $(DESTDIR)$(PREFIX)/bin/bazaar-admin-site
	install -m 0755 $(TOOLS) $(JOBS) $(DESTDIR)$(PREFIX)/bin/
	cp -R templates schema nginx $(BUILD)/static $(DESTDIR)$(PREFIX)/share/bazaar/

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
