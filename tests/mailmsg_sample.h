/*
 * A message that needs every encoding mailmsg_format knows: a subject and a
 * sender's name beyond ASCII, a body with long lines, trailing white space,
 * tabs, a leading dot and '=' signs. Shared by the format's unit test
 * (tests/unit/check_mailmsg.c) and the mail viewer's decoder test
 * (tests/pages/check_sf_devmail_mime.c), which reads it back.
 */
#ifndef BAZAAR_MAILMSG_SAMPLE_H
#define BAZAAR_MAILMSG_SAMPLE_H
#include <stdio.h>

#include "buf.h"
#include "mailmsg.h"

#define MAILMSG_SAMPLE_FROM "Bäzaar Shop <shop@bazaar.example>"

static const char mailmsg_sample_subject[] =
	"Bestätigen Sie Ihre E-Mail-Adresse bei Bazaar — Grüße aus Köln, 确认您的电子邮件地址";

/* Writes the sample body into body (600 bytes are enough) and the message
 * into b; returns what mailmsg_format returned. */
static inline int
mailmsg_sample(struct buf *b, char *body, size_t size)
{
	snprintf(body, size, "Hallo Jürgen,\n\nÖffnen Sie https://x.example/verify?token=a=b&c "
		 "bitte. %s\nTrailing space \nTab\tin line\n.leading dot\n=equals=\n",
		 "A very long line that goes past seventy-six characters so that quoted-printable "
		 "has to break it softly at least once or twice, ending here.");
	return mailmsg_format(b, 7, MAILMSG_SAMPLE_FROM, "a@b.example", mailmsg_sample_subject, body, time(NULL));
}

#endif
