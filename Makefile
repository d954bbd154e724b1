# Bazaar — a multi-vendor marketplace.
#   make run      install what is missing, build, start the local shop (Ctrl-C stops it)
#   make start    the same in the background;  make stop  stops it
#   make test     build, start a private test stack, run every test, stop it
#   make bench    load-test a stack with 100,000 products (docs/benchmarks.md)
#   make install  PREFIX=/usr/local DESTDIR=
# Quiet unless V=1.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   := build

CC      ?= cc
CXX     ?= g++
PKGS    := fcgi libctemplate libmariadb libmemcached libsodium
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null)

WARN     := -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wstrict-prototypes
HARDEN   := -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
OPT      ?= -O2 -g
CPPFLAGS += -Icgi/lib -MMD -MP
CFLAGS   += -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) $(HARDEN) $(PKG_CFLAGS)
CXXFLAGS += -std=c++11 $(OPT) -Wall -Wextra -Werror -Wshadow $(HARDEN) $(PKG_CFLAGS)
LDFLAGS  += -pie -Wl,-z,relro,-z,now
LDLIBS   += $(PKG_LIBS) -lstdc++

ifeq ($(V),1)
Q :=
else
Q := @
endif

# ---- the core library -------------------------------------------------------
LIB_C   := $(wildcard cgi/lib/*.c)
LIB_CXX := $(wildcard cgi/lib/*.cc)
LIB_OBJ := $(LIB_C:%.c=$(BUILD)/%.o) $(LIB_CXX:%.cc=$(BUILD)/%.o)
LIB     := $(BUILD)/libbazaar.a

# ---- programs ---------------------------------------------------------------
SF_C     := $(wildcard cgi/storefront/*.c)
SF_OBJ   := $(SF_C:%.c=$(BUILD)/%.o)
# The page tests link the storefront without its main().
SF_PAGES := $(filter-out $(BUILD)/cgi/storefront/sf_main.o,$(SF_OBJ)) $(BUILD)/cgi/storefront/sf_main.nomain.o
TOOL_C   := $(wildcard cgi/tools/*.c)
TOOLS    := $(patsubst cgi/tools/%.c,$(BUILD)/bin/bazaar-%,$(TOOL_C))
PROGRAMS := $(BUILD)/bin/storefront $(TOOLS)

# ---- tests ------------------------------------------------------------------
UNIT_C   := $(wildcard tests/unit/check_*.c)
UNIT_BIN := $(UNIT_C:tests/unit/%.c=$(BUILD)/tests/unit/%)
PAGES_C  := $(wildcard tests/pages/check_sf_*.c)
PAGES_BIN:= $(PAGES_C:tests/pages/%.c=$(BUILD)/tests/pages/%)
TEST_BIN := $(UNIT_BIN) $(PAGES_BIN)

# ---- static assets (fingerprinted into build/static) -------------------------
STATIC_SRC := $(shell find static -type f 2>/dev/null)
MANIFEST   := $(BUILD)/static/manifest.txt

.PHONY: all run start stop test check bench install clean deps test-build
all: $(PROGRAMS) $(MANIFEST)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/%.o: %.cc
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CXX     $<")
	$(Q)$(CXX) $(CPPFLAGS) $(CXXFLAGS) -c -o $@ $<

$(BUILD)/cgi/storefront/sf_main.nomain.o: cgi/storefront/sf_main.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $< (no main)")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -DBAZAAR_NO_MAIN -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/bin/storefront: $(SF_OBJ) $(LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/bin/bazaar-%: $(BUILD)/cgi/tools/%.o $(LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) -Itests $(CFLAGS) $(CHECK_CFLAGS) -c -o $@ $<

$(BUILD)/tests/unit/%: $(BUILD)/tests/unit/%.o $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LDLIBS)

$(BUILD)/tests/pages/%: $(BUILD)/tests/pages/%.o $(SF_PAGES) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LDLIBS)

$(MANIFEST): scripts/fingerprint $(STATIC_SRC)
	@$(if $(Q),echo "  ASSETS  $(BUILD)/static")
	$(Q)scripts/fingerprint static $(BUILD)/static

test-build: all $(TEST_BIN)

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

bench: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)scripts/bench

# Programs are installed as bazaar-<name>; templates, schema, nginx config and
# the fingerprinted assets go to share/bazaar (point BAZAAR_TEMPLATES and
# BAZAAR_STATIC_MANIFEST there).
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/bazaar
	install -m 0755 $(BUILD)/bin/storefront $(DESTDIR)$(PREFIX)/bin/bazaar-storefront
	install -m 0755 $(TOOLS) $(DESTDIR)$(PREFIX)/bin/
	cp -R templates schema nginx $(BUILD)/static $(DESTDIR)$(PREFIX)/share/bazaar/

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
