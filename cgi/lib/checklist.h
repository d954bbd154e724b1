/*
 * checklist: the checklist every vendor review goes through, in the order
 * the admin site shows it: ITEM(key, label, question) per item, key being
 * vendor_checks.item.
 *
 * A list macro in a header, so that the admin site (adm_vendors.c: the
 * table admins work through), the vendor portal (vp_profile.c: the items a
 * change of profile undoes, enum vp_check in vp.h, same order) and the demo
 * data name the same items.
 */
#ifndef BAZAAR_CHECKLIST_H
#define BAZAAR_CHECKLIST_H

#define CHECKLIST(ITEM)                                                               \
	ITEM("registration", "Registration",                                              \
	     "Registration number checked against the registry extract")                  \
	ITEM("tax_id", "Tax id", "Tax id is valid")                                       \
	ITEM("address", "Address", "Business address verified")                           \
	ITEM("contact", "Contact", "Contact details reachable")                           \
	ITEM("bank_holder", "Bank account", "Bank account holder matches the legal name") \
	ITEM("prohibited", "Goods", "No prohibited goods offered")

#endif
