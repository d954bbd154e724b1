/*
 * bazaar-demo_catalog: writes a believable demo catalogue as SQL on stdout
 * (plans, vendors, the category tree, products with images, promotions) and,
 * with --media, one SVG picture per product under DIR/p/.
 *
 *   bazaar-demo_catalog [--products N] [--seed S] [--media DIR] | mariadb bazaar
 *
 * Load it into an empty catalogue (schema/0001_catalog.sql applied, no rows):
 * ids are fixed so the images and the rows agree. Everything comes from a
 * seeded generator, so the same options always give the same bytes. Each
 * product is drawn from its own stream (seed, id), so the first 2,000 products
 * of a 100,000-product catalogue are the 2,000 of a small one. Dates are
 * written relative to the moment of loading (@now), so a catalogue loaded
 * today always looks current.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cairo.h>
#include <librsvg/rsvg.h>

#include "buf.h"
#include "catalog.h"
#include "cfg.h"
#include "db.h"
#include "demo_pictures.h"
#include "log.h"
#include "media.h"

#define DEMO_ROWS_PER_INSERT	500
#define DEMO_IMAGE_SIZE		600
#define DEMO_LIST_MAX		10
#define DEMO_SUBS_MAX		7	/* sub-categories of a top category */

/* ---- data: the category tree and its word lists ------------------------ */

struct demo_sub {
	const char *name;
	const char *description;
	long long price_lo, price_hi;	/* minor units */
	int weight;
	const char *nouns[DEMO_LIST_MAX];
	const char *qualities[DEMO_LIST_MAX];	/* material or feature */
	const char *variants[DEMO_LIST_MAX];	/* size, colour, pack */
	const char *uses[DEMO_LIST_MAX];	/* "made for ..." fragments */
	const char *details[DEMO_LIST_MAX];	/* whole sentences */
};

struct demo_top {
	const char *name;
	const char *description;
	int hue;
	int weight;
	const char *icon;		/* SVG shapes drawn around (0,0), radius ~100 */
	const char *adjectives[DEMO_LIST_MAX];
	const char *care[DEMO_LIST_MAX];
	struct demo_sub subs[DEMO_SUBS_MAX];
};

static const struct demo_top demo_tree[] = {
{
	"Home & Kitchen",
	"Cookware, tableware, bedding and the small things that make a house a home.",
	18, 16,
	"<circle cx=\"-20\" r=\"72\"/><rect x=\"40\" y=\"-12\" width=\"80\" height=\"24\" rx=\"10\"/>",
	{ "Classic", "Heritage", "Everyday", "Modern", "Rustic", "Nordic", "Essential", "Artisan", "Professional", "Compact" },
	{ "Wipe clean with a soft damp cloth.", "Hand wash in warm soapy water and dry straight away.",
	  "Store in a dry place away from direct sunlight.", "Machine washable at 40 °C." },
	{
	{ "Cookware", "Pans, pots and casseroles for every hob.", 1999, 24999, 5,
	  { "Skillet", "Frying Pan", "Saucepan", "Casserole Dish", "Wok", "Stockpot", "Sauté Pan", "Griddle Pan" },
	  { "Cast Iron", "Stainless Steel", "Carbon Steel", "Enamelled Cast Iron", "Copper-Core", "Non-Stick Aluminium" },
	  { "20 cm", "24 cm", "26 cm", "28 cm", "30 cm", "3 L", "5 L", "Set of 3" },
	  { "made for everyday cooking on gas, electric and induction hobs",
	    "designed to go from the hob to the oven to the table",
	    "built to sear, simmer and braise for decades" },
	  { "The heavy base spreads heat evenly, so nothing scorches in the middle of the pan.",
	    "Riveted handles stay cool enough to hold while you stir.",
	    "Oven-safe up to 260 °C without its lid.",
	    "A pouring lip on each side keeps sauces where they belong." } },
	{ "Kitchen Utensils", "Spoons, spatulas, whisks and tongs.", 499, 4999, 3,
	  { "Spatula", "Ladle", "Whisk", "Tongs", "Slotted Spoon", "Wooden Spoon", "Pastry Brush", "Garlic Press" },
	  { "Olive Wood", "Beech", "Silicone", "Stainless Steel", "Bamboo", "Oak" },
	  { "Set of 3", "Set of 5", "30 cm", "Large", "Small" },
	  { "shaped to reach into the corners of every pan",
	    "balanced so it sits comfortably in the hand",
	    "gentle on non-stick and enamel surfaces" },
	  { "Each piece is cut and finished by hand, so the grain varies from one to the next.",
	    "A hanging loop keeps it within reach above the stove.",
	    "Heat-resistant to 220 °C." } },
	{ "Tableware", "Plates, bowls, mugs and serving boards.", 799, 8999, 4,
	  { "Dinner Plate", "Serving Bowl", "Mug", "Serving Board", "Salad Bowl", "Pasta Bowl", "Espresso Cup", "Platter" },
	  { "Stoneware", "Porcelain", "Oak", "Acacia Wood", "Walnut", "Glazed Ceramic", "Bone China" },
	  { "Set of 2", "Set of 4", "Set of 6", "Ocean Blue", "Speckled White", "Sage Green", "Charcoal" },
	  { "made for long dinners with friends",
	    "equally at home on a weekday table and at a celebration",
	    "sized for generous portions" },
	  { "Every piece is finished by hand, so no two are exactly alike.",
	    "Stacks neatly to save cupboard space.",
	    "The wide rim gives food room to breathe on the plate." } },
	{ "Bedding", "Duvet covers, sheets, throws and quilts.", 1999, 19999, 3,
	  { "Duvet Cover", "Pillowcase Pair", "Fitted Sheet", "Throw Blanket", "Quilt", "Bedspread" },
	  { "Washed Linen", "Organic Cotton", "Percale Cotton", "Merino Wool", "Cotton Sateen", "Bamboo Lyocell" },
	  { "Single", "Double", "King", "Super King", "Oat", "Stone Grey", "Dusty Pink", "Navy" },
	  { "made to keep you cool in summer and cosy in winter",
	    "woven to soften with every wash",
	    "designed for a deep, unbroken night's sleep" },
	  { "The fabric is pre-washed, so it will not shrink after the first wash.",
	    "Hidden button fastenings keep everything in place.",
	    "Breathable fibres draw moisture away while you sleep." } },
	{ "Home Decor", "Vases, lamps, mirrors, frames and cushions.", 999, 14999, 3,
	  { "Vase", "Candle Holder", "Table Lamp", "Wall Mirror", "Photo Frame", "Cushion Cover", "Wall Clock", "Plant Stand" },
	  { "Hand-Blown Glass", "Brass", "Rattan", "Terracotta", "Oak", "Velvet", "Marble", "Linen" },
	  { "Small", "Medium", "Large", "Amber", "Smoke Grey", "Forest Green", "Ivory" },
	  { "chosen to bring warmth to a quiet corner",
	    "made to be noticed without shouting",
	    "designed to sit as well on a mantelpiece as on a bedside table" },
	  { "Each piece is made in small batches, so slight variations are part of its character.",
	    "Felt pads underneath protect delicate surfaces.",
	    "Pairs well with natural textures and soft light." } },
	{ "Storage", "Baskets, jars, racks and organisers.", 799, 7999, 2,
	  { "Storage Basket", "Spice Rack", "Bread Bin", "Shelf Organiser", "Storage Jar", "Laundry Basket" },
	  { "Seagrass", "Bamboo", "Powder-Coated Steel", "Borosilicate Glass", "Oak", "Recycled Plastic" },
	  { "Set of 3", "Small", "Large", "1 L", "2 L", "White", "Black" },
	  { "designed to bring order to busy kitchens and hallways",
	    "made to keep everyday things tidy and within reach",
	    "sized to fit standard shelves and cupboards" },
	  { "Airtight seals keep dry goods fresh for longer.",
	    "Screws and wall plugs are included for hanging it.",
	    "Handles make it easy to lift down from a high shelf.",
	    "Nests neatly inside the next size when not in use." } },
	},
},
{
	"Electronics",
	"Headphones, speakers, chargers and smart-home devices.",
	212, 14,
	"<path d=\"M-70 20V0a70 70 0 0 1 140 0v20\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"16\"/>"
	"<rect x=\"-92\" y=\"5\" width=\"42\" height=\"75\" rx=\"14\"/><rect x=\"50\" y=\"5\" width=\"42\" height=\"75\" rx=\"14\"/>",
	{ "Pro", "Ultra", "Compact", "Studio", "Smart", "Travel", "Max", "Mini", "Essential", "Elite" },
	{ "Clean with a dry microfibre cloth.", "Comes with a two-year manufacturer's warranty.",
	  "Keep away from water unless the listing says it is water resistant." },
	{
	{ "Headphones", "Over-ear, on-ear and in-ear, wired and wireless.", 1999, 39999, 5,
	  { "Over-Ear Headphones", "On-Ear Headphones", "Earbuds", "Sports Earphones", "Gaming Headset", "Kids' Headphones" },
	  { "Wireless", "Noise-Cancelling", "Bluetooth 5.3", "Hi-Res", "Open-Back", "Foldable" },
	  { "Midnight Black", "Silver", "Navy", "Sand", "White", "Olive" },
	  { "tuned for rich bass and clear vocals",
	    "built for long flights and busy commutes",
	    "designed for all-day listening comfort" },
	  { "Up to 40 hours of playback on a single charge.",
	    "Memory foam cushions spread the pressure evenly.",
	    "A built-in microphone keeps calls clear even in the wind.",
	    "Ten minutes of charging gives three hours of music." } },
	{ "Speakers", "Portable, bookshelf and smart speakers, soundbars.", 2999, 49999, 3,
	  { "Bluetooth Speaker", "Bookshelf Speakers", "Soundbar", "Smart Speaker", "Party Speaker", "Shower Speaker" },
	  { "Portable", "Waterproof", "Wi-Fi", "Stereo", "Rugged", "Multi-Room" },
	  { "Charcoal", "Coral", "Slate Blue", "White", "Walnut Finish" },
	  { "tuned to fill a room without distortion",
	    "made for garden parties and beach days",
	    "designed to sit quietly on a shelf until the music starts" },
	  { "Pair two for true stereo sound.",
	    "IP67 rated against dust and water.",
	    "Up to 20 hours of playback at moderate volume.",
	    "Connects to a TV or a turntable with the cable supplied." } },
	{ "Chargers & Cables", "Chargers, cables, power banks and adapters.", 599, 5999, 4,
	  { "USB-C Charger", "Charging Cable", "Power Bank", "Wireless Charging Pad", "Car Charger", "Travel Adapter" },
	  { "Fast-Charge", "Braided", "65 W GaN", "Magnetic", "Dual-Port", "20,000 mAh" },
	  { "1 m", "2 m", "3 m", "Black", "White", "Pack of 2" },
	  { "made to charge a laptop, tablet and phone from one plug",
	    "built to survive the bottom of a travel bag",
	    "designed to replace a tangle of chargers" },
	  { "Smart power sharing gives each device the current it needs.",
	    "Reinforced joints are tested to 20,000 bends.",
	    "Certified for safety against overcharging and overheating." } },
	{ "Smart Home", "Plugs, bulbs, cameras, doorbells and sensors.", 1499, 24999, 2,
	  { "Smart Plug", "Video Doorbell", "Smart Bulb", "Thermostat", "Security Camera", "Motion Sensor" },
	  { "Wi-Fi", "Zigbee", "Matter-Ready", "Battery-Powered", "Outdoor", "Indoor" },
	  { "Pack of 2", "Pack of 4", "White", "Black", "E27", "GU10" },
	  { "made to fit into the routines you already have",
	    "designed to set up in minutes from your phone",
	    "built to keep working when the internet drops" },
	  { "Works with the major voice assistants.",
	    "Schedules and scenes run locally on the device.",
	    "Encrypted from the device all the way to the app." } },
	{ "Phone Accessories", "Cases, screen protectors, stands and mounts.", 499, 4999, 4,
	  { "Phone Case", "Screen Protector", "Phone Stand", "Car Mount", "Camera Lens Kit", "Phone Grip" },
	  { "Leather", "Tempered Glass", "Silicone", "Aluminium", "Recycled Plastic", "Clear" },
	  { "Black", "Tan", "Clear", "Sage", "Blush", "Navy" },
	  { "made to protect without adding bulk",
	    "designed to stand up to everyday drops",
	    "built to keep your phone at eye level",
	    "made to get more out of the phone you already have" },
	  { "Raised edges protect the screen and camera when laid flat.",
	    "Compatible with wireless charging.",
	    "Precise cut-outs leave every button and port easy to reach.",
	    "Works with most phones, with or without a case." } },
	},
},
{
	"Fashion",
	"Clothing, shoes, bags and jewellery from independent labels.",
	335, 14,
	"<path d=\"M-40-80L-95-50-75-10-55-20V85H55V-20L75-10 95-50 40-80Q0-50-40-80Z\"/>",
	{ "Relaxed", "Tailored", "Classic", "Everyday", "Vintage-Inspired", "Essential", "Oversized", "Slim-Fit", "Weekend", "Signature" },
	{ "See the care label for washing instructions.", "Store folded, away from direct sunlight.",
	  "Free size exchanges within 30 days." },
	{
	{ "Women's Clothing", "Dresses, tops, knitwear and trousers.", 1999, 14999, 5,
	  { "Wrap Dress", "Blouse", "Cardigan", "Wide-Leg Trousers", "Midi Skirt", "Jumpsuit", "Knit Jumper" },
	  { "Linen", "Organic Cotton", "Merino Wool", "Silk", "Cashmere Blend", "Tencel" },
	  { "Size S", "Size M", "Size L", "Black", "Rust", "Cream", "Navy" },
	  { "cut to move with you from morning to evening",
	    "made to layer through the seasons",
	    "designed to dress up or down" },
	  { "The fabric is soft against the skin and holds its shape.",
	    "Side pockets deep enough for a phone.",
	    "Our model is 175 cm tall and wears size S." } },
	{ "Men's Clothing", "Shirts, knitwear, jackets and trousers.", 1999, 14999, 4,
	  { "Oxford Shirt", "Chinos", "Crew-Neck Jumper", "Overshirt", "T-Shirt", "Field Jacket", "Hoodie" },
	  { "Organic Cotton", "Merino Wool", "Brushed Cotton", "Waxed Cotton", "Linen", "Heavyweight Jersey" },
	  { "Size S", "Size M", "Size L", "Size XL", "Olive", "Navy", "Ecru", "Charcoal" },
	  { "cut for an easy, modern fit",
	    "made to be worn hard and washed often",
	    "designed for the office on Friday and the weekend after" },
	  { "Reinforced seams at the stress points.",
	    "Garment-dyed for a soft, lived-in colour.",
	    "Our model is 185 cm tall and wears size M." } },
	{ "Shoes", "Trainers, boots, loafers and sandals.", 3999, 19999, 3,
	  { "Trainers", "Chelsea Boots", "Loafers", "Sneakers", "Sandals", "Hiking Boots", "Brogues" },
	  { "Full-Grain Leather", "Suede", "Recycled Canvas", "Vegan Leather", "Nubuck" },
	  { "EU 38", "EU 40", "EU 42", "EU 44", "Tan", "Black", "White" },
	  { "made to be broken in once and worn for years",
	    "built on a cushioned sole for long days on your feet",
	    "designed to look good with everything in your wardrobe" },
	  { "A removable footbed moulds to your foot.",
	    "Stitched, resoleable construction.",
	    "True to size: order your usual size." } },
	{ "Bags", "Totes, backpacks, crossbody bags and wallets.", 1999, 24999, 3,
	  { "Tote Bag", "Backpack", "Crossbody Bag", "Weekender", "Laptop Sleeve", "Wallet", "Belt Bag" },
	  { "Leather", "Waxed Canvas", "Recycled Nylon", "Suede", "Cork", "Cotton Canvas" },
	  { "Black", "Cognac", "Olive", "Navy", "Natural", "15-inch" },
	  { "made to carry a day's essentials without weighing you down",
	    "designed to age beautifully with use",
	    "sized to fit under an aircraft seat" },
	  { "An inner zipped pocket keeps keys and cards safe.",
	    "Solid brass hardware throughout.",
	    "The padded strap spreads the load across the shoulder." } },
	{ "Jewellery", "Necklaces, earrings, rings and bracelets.", 1499, 29999, 2,
	  { "Necklace", "Hoop Earrings", "Stud Earrings", "Signet Ring", "Bracelet", "Pendant", "Cuff" },
	  { "Sterling Silver", "14k Gold-Plated", "Recycled Gold", "Freshwater Pearl", "Rose Gold Vermeil" },
	  { "16 inch", "18 inch", "Size M", "Size N", "Gift Boxed" },
	  { "made to be worn every day and never taken off",
	    "designed to layer with pieces you already love",
	    "finished by hand in a small studio" },
	  { "Nickel-free and suitable for sensitive skin.",
	    "Arrives in a recycled gift box.",
	    "Polish gently with the cloth provided." } },
	{ "Scarves & Hats", "Scarves, beanies, caps and sun hats.", 999, 6999, 2,
	  { "Scarf", "Beanie", "Bucket Hat", "Flat Cap", "Snood", "Sun Hat" },
	  { "Lambswool", "Merino Wool", "Cashmere", "Cotton Twill", "Straw", "Alpaca" },
	  { "One Size", "Mustard", "Grey Marl", "Navy", "Forest Green" },
	  { "made to keep the cold out on winter walks",
	    "designed to add colour to a dark coat",
	    "soft enough to wear all day" },
	  { "Made in a family-run mill.",
	    "Generously sized.",
	    "Naturally breathable and temperature regulating." } },
	},
},
{
	"Sports & Outdoors",
	"Camping, cycling, fitness, running and water sports.",
	140, 11,
	"<path d=\"M-100 70L-30-50 10 10 40-30 100 70Z\"/><circle cx=\"55\" cy=\"-65\" r=\"18\"/>",
	{ "Trail", "Lightweight", "Expedition", "All-Weather", "Performance", "Packable", "Ultralight", "Adventure", "Rugged", "Pro" },
	{ "Rinse with fresh water after use and let it dry fully before storing.",
	  "Check straps and fastenings before each trip.", "Covered by a lifetime repair promise." },
	{
	{ "Camping", "Tents, sleeping bags, stoves and lights.", 1499, 39999, 3,
	  { "Tent", "Sleeping Bag", "Camping Stove", "Headlamp", "Sleeping Mat", "Camping Chair", "Lantern" },
	  { "Ripstop Nylon", "Down-Filled", "Titanium", "Aluminium", "Insulated", "Self-Inflating" },
	  { "1-Person", "2-Person", "4-Person", "Olive", "Orange", "Regular", "Long" },
	  { "made for weekends in the hills and weeks on the trail",
	    "built to set up in minutes, even in the rain",
	    "designed to pack down small and weigh next to nothing" },
	  { "Taped seams keep the weather out.",
	    "Packs into its own stuff sack.",
	    "Tested in conditions from −5 °C to 25 °C.",
	    "Light enough to carry all day." } },
	{ "Cycling", "Helmets, lights, locks, bags and saddles.", 999, 29999, 3,
	  { "Bike Helmet", "Bike Light Set", "Cycling Gloves", "Pannier Bag", "Bike Lock", "Saddle", "Bottle Cage" },
	  { "Reflective", "Waterproof", "Carbon", "Aluminium", "Padded", "USB-Rechargeable" },
	  { "Size M", "Size L", "Black", "Hi-Vis Yellow", "Red" },
	  { "made for daily commutes and long weekend rides",
	    "built to be seen on dark winter evenings",
	    "designed to fit most bikes without tools" },
	  { "Quick-release mount for easy removal.",
	    "Up to 12 hours of light on one charge.",
	    "Weighs less than you would expect." } },
	{ "Fitness", "Mats, weights, bands and rollers for home workouts.", 999, 29999, 3,
	  { "Yoga Mat", "Kettlebell", "Resistance Band Set", "Dumbbell Pair", "Foam Roller", "Skipping Rope", "Pull-Up Bar" },
	  { "Natural Rubber", "Cast Iron", "Cork", "Neoprene", "High-Density Foam", "Steel" },
	  { "4 kg", "8 kg", "12 kg", "16 kg", "6 mm", "Purple", "Black" },
	  { "made for home workouts without the gym membership",
	    "designed for strength, mobility and balance",
	    "built to take daily training" },
	  { "A non-slip surface grips even when you sweat.",
	    "A beginner's routine is included.",
	    "Compact enough to store under a bed." } },
	{ "Running", "Shoes, jackets, tights and hydration.", 1499, 17999, 2,
	  { "Running Shoes", "Running Jacket", "Running Tights", "Hydration Vest", "Running Cap", "Sports Socks" },
	  { "Breathable", "Waterproof", "Reflective", "Lightweight Mesh", "Merino", "Seamless" },
	  { "Size S", "Size M", "Size L", "EU 42", "Black", "Electric Blue" },
	  { "made for early mornings and long Sunday runs",
	    "designed to keep you dry and light on your feet",
	    "built for road and light trail" },
	  { "Flatlock seams prevent chafing.",
	    "Reflective details for winter evenings.",
	    "A zipped pocket fits a phone and keys." } },
	{ "Water Sports", "Paddle boards, wetsuits, snorkels and dry bags.", 1499, 59999, 2,
	  { "Stand-Up Paddle Board", "Wetsuit", "Snorkel Set", "Dry Bag", "Swim Goggles", "Beach Towel" },
	  { "Inflatable", "Neoprene", "Anti-Fog", "Quick-Dry", "Roll-Top", "Microfibre" },
	  { "10 L", "20 L", "Size M", "Size L", "Turquoise", "Black" },
	  { "made for summer days on the lake and the sea",
	    "designed to keep your kit dry when the weather turns",
	    "built to cope with salt water and sand" },
	  { "Comes with a carry bag.",
	    "UV-resistant materials that will not fade in the sun.",
	    "Rinse in fresh water after every use." } },
	},
},
{
	"Beauty & Personal Care",
	"Skincare, hair care, bath and body, and fragrance.",
	285, 9,
	"<rect x=\"-45\" y=\"-40\" width=\"90\" height=\"125\" rx=\"18\"/><rect x=\"-20\" y=\"-82\" width=\"40\" height=\"42\" rx=\"6\"/>",
	{ "Gentle", "Nourishing", "Restoring", "Daily", "Botanical", "Soothing", "Hydrating", "Brightening", "Natural", "Calming" },
	{ "Store below 25 °C, away from direct sunlight.", "Patch test before first use.",
	  "Vegan and never tested on animals." },
	{
	{ "Skincare", "Creams, serums, cleansers and masks.", 899, 6999, 4,
	  { "Face Cream", "Cleansing Balm", "Face Serum", "Eye Cream", "Face Oil", "Night Cream", "Clay Mask" },
	  { "Rosehip", "Hyaluronic", "Vitamin C", "Aloe Vera", "Shea Butter", "Niacinamide" },
	  { "30 ml", "50 ml", "100 ml", "Travel Size" },
	  { "made to leave skin soft, calm and comfortable",
	    "formulated for sensitive and dry skin",
	    "designed to fit into a two-minute morning routine" },
	  { "Absorbs quickly without a greasy finish.",
	    "Free from synthetic fragrance.",
	    "Dermatologically tested." } },
	{ "Hair Care", "Shampoos, conditioners, oils, brushes and combs.", 699, 4999, 3,
	  { "Shampoo", "Conditioner", "Hair Mask", "Hair Oil", "Styling Cream", "Wide-Tooth Comb", "Hair Brush" },
	  { "Argan Oil", "Coconut", "Rosemary", "Bamboo", "Boar Bristle", "Sulphate-Free" },
	  { "250 ml", "500 ml", "Refill 1 L" },
	  { "made to leave hair soft, shiny and easy to style",
	    "formulated for curly and coily hair",
	    "gentle enough for daily use" },
	  { "Colour-safe.",
	    "A little goes a long way.",
	    "Packed in recycled materials." } },
	{ "Bath & Body", "Soaps, washes, lotions, salts and scrubs.", 499, 3999, 3,
	  { "Body Wash", "Bath Salts", "Soap Bar", "Body Lotion", "Hand Cream", "Bath Oil", "Body Scrub" },
	  { "Lavender", "Oat Milk", "Sea Salt", "Eucalyptus", "Cocoa Butter", "Citrus" },
	  { "100 g", "250 ml", "Pack of 3", "Gift Set" },
	  { "made to turn a quick wash into a small ritual",
	    "blended to soothe tired muscles",
	    "designed to leave skin soft without a sticky feel" },
	  { "Scented with pure essential oils.",
	    "Made by hand in small batches.",
	    "Plastic-free packaging." } },
	{ "Fragrance", "Perfumes, candles, diffusers and room sprays.", 1999, 11999, 2,
	  { "Eau de Parfum", "Eau de Toilette", "Scented Candle", "Reed Diffuser", "Solid Perfume", "Room Spray" },
	  { "Sandalwood", "Fig", "Bergamot", "Amber", "Neroli", "Cedar" },
	  { "30 ml", "50 ml", "100 ml", "200 g" },
	  { "blended to feel warm, clean and quietly memorable",
	    "made to fill a room without overpowering it",
	    "composed to last from morning to evening" },
	  { "Top notes of citrus open onto a soft woody base.",
	    "Refills available.",
	    "Bottled and boxed by hand." } },
	},
},
{
	"Toys & Games",
	"Board games, puzzles, wooden toys and outdoor play.",
	45, 9,
	"<rect x=\"-90\" y=\"10\" width=\"80\" height=\"80\" rx=\"8\"/><rect x=\"10\" y=\"10\" width=\"80\" height=\"80\" rx=\"8\"/>"
	"<rect x=\"-40\" y=\"-75\" width=\"80\" height=\"80\" rx=\"8\"/>",
	{ "Classic", "Giant", "Junior", "Deluxe", "Family", "Rainbow", "Pocket", "Creative", "Travel", "Original" },
	{ "Not suitable for children under 3 years: small parts.", "Wipe clean with a damp cloth.",
	  "Tested to European toy safety standards." },
	{
	{ "Board Games", "Strategy, family, party and card games.", 999, 5999, 3,
	  { "Strategy Game", "Family Board Game", "Card Game", "Party Game", "Cooperative Game", "Chess Set", "Dice Game" },
	  { "Wooden", "Illustrated", "Magnetic", "Oak", "Two-Player", "Expansion" },
	  { "2–4 Players", "2–6 Players", "Ages 8+", "Ages 12+" },
	  { "made for rainy afternoons and long family evenings",
	    "easy to learn in ten minutes and hard to master",
	    "designed so everyone at the table stays in the game" },
	  { "Games last around 30 to 45 minutes.",
	    "Rules in English, French and German.",
	    "Every component is made from certified card and wood." } },
	{ "Puzzles", "Jigsaws, 3D puzzles and brain teasers.", 799, 3999, 2,
	  { "Jigsaw Puzzle", "3D Puzzle", "Puzzle Box", "Brain Teaser", "Floor Puzzle" },
	  { "Wooden", "Recycled Card", "Illustrated", "Panoramic" },
	  { "500 Pieces", "1000 Pieces", "1500 Pieces", "24 Pieces" },
	  { "made for slow evenings and a cup of tea",
	    "designed to challenge without frustrating",
	    "illustrated by independent artists" },
	  { "Pieces are thick, snug-fitting and glare-free.",
	    "A poster of the finished picture is included.",
	    "Made from recycled board." } },
	{ "Wooden Toys", "Stacking, building, pull-along and pretend play.", 999, 8999, 3,
	  { "Stacking Rainbow", "Train Set", "Shape Sorter", "Play Kitchen", "Balance Bike", "Building Blocks", "Pull-Along Dog" },
	  { "Beech", "Oak", "Maple", "Birch Plywood", "Painted Wood" },
	  { "Set of 20", "Set of 50", "Natural", "Pastel" },
	  { "made to be handed down from child to child",
	    "designed for open-ended play and small hands",
	    "built to survive years in the toy box" },
	  { "Finished with water-based, child-safe paints.",
	    "Rounded edges and smooth sanded surfaces.",
	    "Wood from sustainably managed forests." } },
	{ "Outdoor Play", "Swings, kites, scooters and garden games.", 1499, 24999, 2,
	  { "Swing Seat", "Garden Tent", "Kite", "Water Blaster", "Sand Pit Set", "Climbing Dome", "Scooter" },
	  { "Weatherproof", "Foldable", "Lightweight", "Steel-Frame", "Canvas" },
	  { "Ages 3+", "Ages 6+", "Blue", "Red", "Green" },
	  { "made to get children outside whatever the weather",
	    "designed for back gardens and summer holidays",
	    "built to take scrapes, splashes and sunshine" },
	  { "Assembly takes about 20 minutes.",
	    "Maximum user weight 50 kg.",
	    "Packs away flat for winter.",
	    "Made from tough, recyclable materials." } },
	},
},
{
	"Stationery & Office",
	"Notebooks, pens, art supplies and desk organisers.",
	252, 8,
	"<rect x=\"-65\" y=\"-85\" width=\"130\" height=\"170\" rx=\"8\"/>"
	"<path d=\"M-45-50h90v10h-90zM-45-25h90v10h-90zM-45 0h60v10h-60z\" fill=\"#fff\" fill-opacity=\".6\"/>",
	{ "Classic", "Pocket", "Executive", "Minimal", "Studio", "Daily", "Refillable", "Travel", "Archival", "Desk" },
	{ "Packed without plastic.", "Store away from damp and direct sunlight.",
	  "A thoughtful gift for writers and makers." },
	{
	{ "Notebooks", "Notebooks, journals, sketchbooks and planners.", 599, 3999, 4,
	  { "Notebook", "Journal", "Sketchbook", "Planner", "Notepad", "Bullet Journal" },
	  { "Dot Grid", "Lined", "Plain", "Linen-Bound", "Leather-Bound", "Recycled Paper" },
	  { "A5", "A4", "B6", "Pocket", "Black", "Terracotta" },
	  { "made for lists, sketches and the thoughts in between",
	    "bound to lie flat on any page",
	    "designed to survive a year in a bag" },
	  { "Paper of 120 g/m² takes fountain pen ink without bleeding.",
	    "Numbered pages and an index.",
	    "Two ribbon markers and an elastic closure." } },
	{ "Pens & Pencils", "Fountain pens, rollerballs, pencils and fineliners.", 199, 14999, 4,
	  { "Fountain Pen", "Rollerball Pen", "Mechanical Pencil", "Fineliner Set", "Brush Pen", "Ballpoint Pen", "Pencil Set" },
	  { "Brass", "Aluminium", "Resin", "Cedar Wood", "Recycled Plastic", "Oak" },
	  { "Fine Nib", "Medium Nib", "Black Ink", "Blue Ink", "0.5 mm", "Set of 12" },
	  { "made to turn everyday notes into a pleasure",
	    "balanced for long writing sessions",
	    "designed to be refilled, not thrown away" },
	  { "Takes standard international cartridges.",
	    "Quick-drying ink that will not smudge.",
	    "Comes in a gift tin." } },
	{ "Art Supplies", "Paints, pastels, brushes and drawing pads.", 499, 8999, 3,
	  { "Watercolour Set", "Acrylic Paint Set", "Sketching Pencils", "Oil Pastels", "Paint Brush Set", "Drawing Pad" },
	  { "Artist-Grade", "Student-Grade", "Travel", "Professional", "Water-Soluble" },
	  { "12 Colours", "24 Colours", "48 Colours", "Set of 10" },
	  { "made for beginners and working artists alike",
	    "designed to travel in a coat pocket",
	    "rich in pigment and easy to blend" },
	  { "Lightfast colours that will not fade.",
	    "Comes in a reusable tin.",
	    "Brushes hold their point through many washes.",
	    "Heavy paper takes wet media without buckling." } },
	{ "Desk Organisers", "Desk tidies, monitor stands, trays and bookends.", 999, 7999, 2,
	  { "Desk Tidy", "Monitor Stand", "Letter Tray", "Pen Pot", "Cable Box", "Desk Pad", "Bookends" },
	  { "Oak", "Walnut", "Bamboo", "Powder-Coated Steel", "Felt", "Cork" },
	  { "Small", "Large", "Black", "Natural", "Grey" },
	  { "made to bring calm to a busy desk",
	    "designed for home offices and shared studios",
	    "built to hold more than it looks like it can" },
	  { "Felt feet protect the desk surface.",
	    "Finished with natural oil.",
	    "Arrives flat and assembles in a minute without tools." } },
	},
},
{
	"Garden",
	"Plant pots, garden tools, outdoor lighting, seeds and bulbs.",
	100, 8,
	"<path d=\"M-60 0H60L45 90H-45Z\"/><circle cx=\"-30\" cy=\"-35\" r=\"30\"/><circle cx=\"25\" cy=\"-50\" r=\"35\"/>",
	{ "Heritage", "Weatherproof", "Classic", "Compact", "Heavy-Duty", "Cottage", "Vintage", "Outdoor", "Balcony", "Essential" },
	{ "Bring indoors or cover during frosty weather.", "Clean with warm water and a soft brush.",
	  "Guaranteed for two years against defects.",
	  "Keep the packets cool and dry until sowing." },
	{
	{ "Plant Pots", "Pots, planters, window boxes and raised beds.", 599, 9999, 3,
	  { "Plant Pot", "Hanging Planter", "Window Box", "Raised Bed", "Plant Saucer", "Self-Watering Pot" },
	  { "Terracotta", "Glazed Ceramic", "Zinc", "Fibreclay", "Recycled Plastic", "Oak" },
	  { "12 cm", "17 cm", "25 cm", "40 cm", "Set of 3", "Sage", "Charcoal" },
	  { "made to give plants room to grow",
	    "designed for windowsills, balconies and patios",
	    "built to live outdoors all year" },
	  { "A drainage hole keeps roots from sitting in water.",
	    "Each one is made and glazed by hand.",
	    "Light enough to move around with the seasons." } },
	{ "Garden Tools", "Trowels, shears, spades, rakes and watering cans.", 799, 8999, 3,
	  { "Trowel", "Pruning Shears", "Hand Fork", "Spade", "Garden Rake", "Watering Can", "Kneeler" },
	  { "Stainless Steel", "Carbon Steel", "Ash-Handled", "Galvanised", "Forged" },
	  { "Small", "Large", "5 L", "10 L", "Green", "Copper" },
	  { "made to dig, lift and prune season after season",
	    "balanced for long afternoons in the borders",
	    "built to be passed on rather than replaced" },
	  { "Made to last, with a lifetime guarantee.",
	    "Wooden parts finished with linseed oil.",
	    "A hanging loop for tidy storage in the shed." } },
	{ "Outdoor Lighting", "Lanterns, string lights, path and wall lights.", 999, 14999, 2,
	  { "Solar Lantern", "String Lights", "Path Light", "Wall Light", "Fire Pit", "Outdoor Candle" },
	  { "Solar-Powered", "Cast Iron", "Rattan", "Brass", "Weatherproof", "Low-Voltage" },
	  { "10 m", "20 m", "Pack of 4", "Warm White", "Black" },
	  { "made to light up summer evenings in the garden",
	    "designed to set the mood on a patio",
	    "built to sit outside in every season" },
	  { "Lights up at dusk.",
	    "Rated for outdoor use in all weathers.",
	    "Looks good by day as well as by night." } },
	{ "Seeds & Bulbs", "Vegetable and flower seeds, bulbs and kits.", 199, 2999, 2,
	  { "Seed Collection", "Tulip Bulbs", "Herb Garden Kit", "Wildflower Seeds", "Tomato Seeds", "Dahlia Tubers" },
	  { "Heirloom", "Organic", "Pollinator-Friendly", "Peat-Free", "Heritage" },
	  { "Pack of 10", "Pack of 25", "Pack of 50", "100 g" },
	  { "chosen for reliable germination and big flavour",
	    "selected to bring bees and butterflies into the garden",
	    "easy to grow even for beginners" },
	  { "Growing instructions printed on each packet.",
	    "Plant from early spring.",
	    "Packed the same season they were harvested." } },
	},
},
{
	"Food & Drink",
	"Coffee, tea, chocolate, olive oil, spices and beer from small producers, with lemons and ice.",
	30, 7,
	"<path d=\"M-60-50H50V40A40 40 0 0 1 10 80H-20A40 40 0 0 1-60 40Z\"/>"
	"<path d=\"M50-30a30 30 0 0 1 0 60\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"14\"/>",
	{ "Single-Origin", "Small-Batch", "Organic", "Artisan", "Estate", "Hand-Crafted", "Fine", "Traditional", "Heritage", "Reserve" },
	{ "Store in a cool, dry place and reseal after opening.", "Best before date printed on the pack.",
	  "Packed in a kitchen that also handles nuts.", "Keep frozen until you need it.",
	  "Keep in the fridge and use within two weeks." },
	{
	{ "Coffee", "Beans, ground coffee and pods from small roasters.", 599, 3999, 3,
	  { "Coffee Beans", "Ground Coffee", "Espresso Blend", "Decaf Coffee", "Cold Brew Bags", "Coffee Pods" },
	  { "Ethiopian", "Colombian", "Brazilian", "Guatemalan", "Rwandan", "Dark Roast" },
	  { "250 g", "500 g", "1 kg", "Whole Bean", "Filter Grind" },
	  { "roasted to bring out notes of chocolate and red fruit",
	    "made for espresso, filter and cafetière",
	    "sourced directly from the farms that grow it" },
	  { "Roasted in small batches every week.",
	    "Tasting notes: cocoa, caramel and a hint of cherry.",
	    "Packed in a valve bag to keep it fresh." } },
	{ "Tea", "Loose leaf, bags, matcha and herbal infusions.", 399, 2999, 2,
	  { "Loose Leaf Tea", "Tea Bags", "Matcha", "Herbal Infusion", "Chai Blend", "Tea Gift Tin" },
	  { "Darjeeling", "Assam", "Sencha", "Rooibos", "Earl Grey", "Peppermint" },
	  { "50 g", "100 g", "250 g", "20 Bags", "50 Bags" },
	  { "blended for a bright, clean cup",
	    "made to be brewed slowly and enjoyed slowly",
	    "sourced from single estates" },
	  { "Brew at 90 °C for three minutes.",
	    "Compostable packaging.",
	    "Ethically sourced and fairly traded." } },
	{ "Chocolate", "Bars, truffles and hot chocolate.", 299, 3999, 2,
	  { "Chocolate Bar", "Truffle Box", "Hot Chocolate", "Chocolate Buttons", "Praline Selection" },
	  { "Dark 70%", "Milk", "Sea Salt Caramel", "Hazelnut", "Orange", "Raspberry" },
	  { "100 g", "250 g", "Box of 12", "Box of 24" },
	  { "made from bean to bar in a tiny workshop",
	    "made for slow afternoons and long conversations",
	    "balanced between sweetness and deep cocoa" },
	  { "Made with single-origin cacao.",
	    "No palm oil.",
	    "Contains milk; may contain nuts." } },
	{ "Olive Oil & Vinegar", "Extra virgin olive oils, vinegars and gift sets.", 699, 4999, 2,
	  { "Extra Virgin Olive Oil", "Balsamic Vinegar", "Cider Vinegar", "Infused Oil", "Oil and Vinegar Set" },
	  { "Cold-Pressed", "Aged", "Organic", "Garlic", "Chilli", "Lemon" },
	  { "250 ml", "500 ml", "1 L", "3 L Tin" },
	  { "pressed within hours of harvest",
	    "made for dressing salads and finishing dishes",
	    "aged slowly in oak barrels" },
	  { "From a single estate in the hills.",
	    "Peppery finish with grassy notes.",
	    "Bottled in dark glass to protect the flavour." } },
	{ "Spices", "Blends, chillies, peppercorns and saffron.", 299, 1999, 2,
	  { "Spice Blend", "Chilli Flakes", "Smoked Paprika", "Peppercorns", "Saffron", "Curry Powder", "Spice Gift Set" },
	  { "Organic", "Hand-Blended", "Smoked", "Whole", "Ground", "Fair-Trade" },
	  { "40 g", "100 g", "Refill Pack", "Set of 6" },
	  { "blended to bring warmth to weeknight cooking",
	    "ground fresh in small batches",
	    "sourced directly from growers" },
	  { "Packed in a resealable tin.",
	    "No fillers or anti-caking agents.",
	    "Recipe card included." } },
	/* Added later (demo_added): beer, lemons and ice, bought together. */
	{ "Beer", "Lagers, pale ales, wheat beers and stouts from small breweries.", 199, 4999, 3,
	  { "Lager", "Pale Ale", "Wheat Beer", "Stout" },
	  { "Craft", "Unfiltered", "Bavarian", "Belgian-Style", "Oatmeal", "Session" },
	  { "330 ml Bottle", "440 ml Can", "Pack of 6", "Pack of 12", "Case of 24" },
	  { "brewed for long summer evenings",
	    "made to be poured ice-cold on a hot day",
	    "brewed slowly by a small independent brewery" },
	  { "Best served chilled, with a slice of lemon and plenty of ice.",
	    "Brewed with malted barley, hops, yeast and water, nothing else.",
	    "4.8% alcohol by volume.",
	    "Bottle-conditioned: pour gently and leave the yeast behind." } },
	{ "Fruit & Ice", "Fresh lemons and limes, and bags of ice for drinks and parties.", 149, 999, 3,
	  { "Lemons", "Limes", "Ice Cubes", "Crushed Ice" },
	  { "Unwaxed", "Sicilian", "Persian", "Crystal-Clear", "Slow-Frozen" },
	  { "Net of 4", "Net of 6", "1 kg", "2 kg Bag", "5 kg Bag" },
	  { "picked ripe for drinks, dressings and baking",
	    "frozen hard to keep drinks cold for longer",
	    "made for parties, barbecues and long summer evenings" },
	  { "Thin-skinned and full of juice.",
	    "The peel is unwaxed, ready to zest.",
	    "Made from filtered water and frozen slowly, so it stays clear.",
	    "Delivered in an insulated box." } },
	},
},
{
	"Pets",
	"Beds, toys, leads, collars, bowls and feeders.",
	178, 6,
	"<circle cy=\"35\" r=\"45\"/><circle cx=\"-55\" cy=\"-25\" r=\"20\"/><circle cx=\"-20\" cy=\"-60\" r=\"20\"/>"
	"<circle cx=\"20\" cy=\"-60\" r=\"20\"/><circle cx=\"55\" cy=\"-25\" r=\"20\"/>",
	{ "Cosy", "Durable", "Classic", "Orthopaedic", "Adventure", "Everyday", "Deluxe", "Travel", "Calming", "Premium" },
	{ "Check regularly for wear and replace if damaged.", "Always supervise play with new items.",
	  "Made without harmful dyes or treatments." },
	{
	{ "Dog Beds", "Beds, mattresses, blankets and crate mats.", 1999, 14999, 3,
	  { "Dog Bed", "Dog Mattress", "Donut Bed", "Dog Blanket", "Crate Mat" },
	  { "Memory Foam", "Waterproof", "Faux Fur", "Corduroy", "Waxed Cotton" },
	  { "Small", "Medium", "Large", "Extra Large", "Grey", "Tan" },
	  { "made for long naps after long walks",
	    "designed to support older joints",
	    "sized for dogs who like to stretch out" },
	  { "A non-slip base keeps it in place on hard floors.",
	    "Removable cover, machine washable at 30 °C.",
	    "Filling made from recycled fibres." } },
	{ "Cat Toys", "Wands, catnip toys, scratchers and tunnels.", 299, 2999, 2,
	  { "Cat Wand", "Catnip Mouse", "Scratching Post", "Ball Track", "Cat Tunnel", "Feather Teaser" },
	  { "Catnip-Filled", "Sisal", "Felt", "Feather", "Wool" },
	  { "Pack of 3", "Single", "Large", "Grey" },
	  { "made to satisfy the hunter in every cat",
	    "designed for indoor cats who need to move",
	    "built to survive enthusiastic claws" },
	  { "Organic catnip grown without pesticides.",
	    "Replacement parts available.",
	    "Stitched by hand." } },
	{ "Leads & Collars", "Leads, collars and harnesses.", 699, 5999, 3,
	  { "Dog Lead", "Dog Collar", "Harness", "Cat Collar", "Training Lead" },
	  { "Leather", "Rope", "Reflective", "Padded", "Waterproof Webbing", "Biothane" },
	  { "Size S", "Size M", "Size L", "1.2 m", "2 m", "Red", "Navy" },
	  { "made for daily walks in every weather",
	    "designed to be comfortable on long walks",
	    "made to sit comfortably all day",
	    "built to hold strong pullers" },
	  { "Solid brass fittings that will not rust.",
	    "Reflective stitching for dark evenings.",
	    "Measure your pet before ordering." } },
	{ "Bowls & Feeders", "Bowls, slow feeders, fountains and travel bowls.", 499, 4999, 2,
	  { "Dog Bowl", "Cat Bowl", "Slow Feeder", "Water Fountain", "Raised Feeder", "Travel Bowl" },
	  { "Ceramic", "Stainless Steel", "Silicone", "Bamboo", "Non-Slip" },
	  { "Small", "Medium", "Large", "0.5 L", "1.5 L", "White", "Sage" },
	  { "made to make mealtimes calmer",
	    "designed to slow down fast eaters",
	    "easy to clean after every meal" },
	  { "A rubber base stops it sliding across the floor.",
	    "Food-safe materials, free from BPA.",
	    "Easy to clean." } },
	},
},
};
#define DEMO_NTOP (sizeof demo_tree / sizeof demo_tree[0])

/*
 * Sub-categories added to the published catalogue. Each comes after its top
 * category's first ones, its id after every other category's, and a product
 * moves to it by a draw of its own (demo_draw_place): the first catalogue's
 * products and category ids stay what they were.
 */
static const char *const demo_added[] = { "Beer", "Fruit & Ice" };

static int
demo_sub_added(const struct demo_sub *sub)
{
	for (size_t i = 0; i < sizeof demo_added / sizeof demo_added[0]; i++)
		if (strcmp(sub->name, demo_added[i]) == 0)
			return 1;
	return 0;
}

struct demo_vendor {
	const char *slug;
	const char *trading_name;
	const char *legal_name;
	const char *description;
	const char *status;
	const char *sells;		/* ';'-separated category names (top or sub) */
	const char *sku_prefix;
	const char *brands[3];
};

static const struct demo_vendor demo_vendors[] = {
	{ "northwind-home", "Northwind Home Goods", "Northwind Home Goods Ltd",
	  "Northwind Home Goods has supplied kitchens from a small warehouse in Leeds since 2009. "
	  "We choose cookware and tableware we would use at home, and we test every line before it goes on sale.",
	  "verified", "Home & Kitchen;Plant Pots;Outdoor Lighting", "NW",
	  { "Northwind", "Hearthside", "Fjell" } },
	{ "voltaic-audio", "Voltaic Audio", "Voltaic Audio GmbH",
	  "Voltaic Audio designs headphones and speakers in Berlin for people who listen closely. "
	  "Every model is tuned by ear in our own listening room, and every charger we sell is one we trust with our own phones.",
	  "verified", "Headphones;Speakers;Chargers & Cables", "VA",
	  { "Voltaic", "Resonant", "Ampere" } },
	{ "kestrel-electronics", "Kestrel Electronics", "Kestrel Electronics B.V.",
	  "Kestrel Electronics is a Rotterdam electronics shop that went online in 2014. "
	  "We stock reliable smart-home kit and accessories, ship the same day until 3 pm, and answer questions ourselves.",
	  "verified", "Electronics", "KE",
	  { "Kestrel", "Lumo", "Tern" } },
	{ "atelier-marlowe", "Atelier Marlowe", "Marlowe & Daughters Ltd",
	  "Atelier Marlowe is a family clothing label from Bristol. "
	  "We make small runs of everyday clothes in natural fabrics, sewn by workshops we visit every season.",
	  "verified", "Fashion", "AM",
	  { "Marlowe", "Atelier M", "Juniper" } },
	{ "linen-and-loom", "Linen & Loom", "Linen and Loom S.L.",
	  "Linen & Loom weaves linen and cotton in a converted mill near Valencia. "
	  "Bedding, cushions and easy clothes, pre-washed so they feel soft from the first night.",
	  "verified", "Bedding;Home Decor;Women's Clothing;Men's Clothing;Scarves & Hats", "LL",
	  { "Loom", "Flax & Co", "Selvedge" } },
	{ "summit-and-trail", "Summit & Trail Outfitters", "Summit and Trail Outfitters Ltd",
	  "Summit & Trail Outfitters is run by climbers and fell runners from the Lake District. "
	  "We sell kit we have carried ourselves, and we repair what we sell.",
	  "verified", "Sports & Outdoors", "ST",
	  { "Summit", "Ridgeline", "Tarn" } },
	{ "fern-and-petal", "Fern & Petal Apothecary", "Fern and Petal Ltd",
	  "Fern & Petal Apothecary makes skincare, soaps and candles by hand in small batches in Cornwall. "
	  "Everything is vegan, gently scented and packed without plastic.",
	  "verified", "Beauty & Personal Care", "FP",
	  { "Fern & Petal", "Wildcrest", "Meadowsweet" } },
	{ "little-oak-toys", "Little Oak Toy Co.", "Little Oak Toy Company Ltd",
	  "Little Oak Toy Co. makes wooden toys and games meant to last more than one childhood. "
	  "Our workshop uses beech and oak from managed forests and water-based paints.",
	  "verified", "Toys & Games;Desk Organisers", "LO",
	  { "Little Oak", "Puddle", "Kiteworks" } },
	{ "paper-lantern", "Paper Lantern Stationers", "Paper Lantern Stationers SARL",
	  "Paper Lantern Stationers is a stationery shop in Lyon with a soft spot for fountain pens. "
	  "We bind our own notebooks and stock pens, paints and puzzles from small makers.",
	  "verified", "Stationery & Office;Puzzles;Board Games", "PL",
	  { "Paper Lantern", "Quire", "Inkwell" } },
	{ "greenhouse-supply", "Greenhouse Supply Co.", "Greenhouse Supply Company Ltd",
	  "Greenhouse Supply Co. has sold tools, pots and seeds to gardeners in Kent for three generations. "
	  "We only stock what we would use in our own nursery.",
	  "verified", "Garden", "GS",
	  { "Greenhouse", "Potting Shed", "Bramble" } },
	{ "old-harbour-pantry", "Old Harbour Pantry", "Old Harbour Pantry Lda",
	  "Old Harbour Pantry is a deli in Porto selling coffee, tea, chocolate and olive oil from small producers, "
	  "and beer from the brewery next door with the lemons and ice to go with it. "
	  "We taste everything we sell and roast our coffee every Tuesday.",
	  "verified", "Food & Drink", "OH",
	  { "Old Harbour", "Saltmarsh", "Fig Tree" } },
	{ "waggle-and-purr", "Waggle & Purr", "Waggle and Purr Ltd",
	  "Waggle & Purr makes beds, leads and toys for dogs and cats, tested by our own four-legged staff. "
	  "Every bed has a washable cover and every lead is stitched to hold a strong puller.",
	  "verified", "Pets", "WP",
	  { "Waggle", "Purr", "Hound & Home" } },
	/* Waiting for verification: has no products, for the admin queue. */
	{ "copper-kettle-crafts", "Copper Kettle Crafts", "Copper Kettle Crafts",
	  "Copper Kettle Crafts is a husband-and-wife pottery in Galway making mugs, bowls and jugs by hand.",
	  "pending", "", "CK",
	  { "Copper Kettle", "Copper Kettle", "Copper Kettle" } },
};
#define DEMO_NVENDOR (sizeof demo_vendors / sizeof demo_vendors[0])

/* Closing sentences that name the vendor ("%s"). */
/*
 * Which product types a line fits. The word lists are per sub-category, but
 * not every line suits every noun in it: a bike helmet has no battery and a
 * hair brush is not sold by the millilitre. A line of scope's lists (a
 * sub-category's qualities, variants, uses and details; a top category's
 * adjectives and care lines) that contains phrase is used only for the nouns
 * listed (';'-separated), or, after a '!', for all nouns but those. Lines no
 * rule names fit every noun of their scope. demo_fits_check() refuses rules
 * that name an unknown scope, phrase or noun, and nouns left without a use,
 * a detail or a care line.
 */
struct demo_fit {
	const char *scope, *phrase, *nouns;
};

static const struct demo_fit demo_fits[] = {
	/* Home & Kitchen */
	{ "Home & Kitchen", "Hand wash in warm soapy water",
	  "Skillet;Frying Pan;Saucepan;Casserole Dish;Wok;Stockpot;Sauté Pan;Griddle Pan;Spatula;Ladle;Whisk;"
	  "Tongs;Slotted Spoon;Wooden Spoon;Pastry Brush;Garlic Press;Dinner Plate;Serving Bowl;Mug;Serving Board;"
	  "Salad Bowl;Pasta Bowl;Espresso Cup;Platter;Storage Jar;Bread Bin" },
	{ "Home & Kitchen", "Wipe clean with a soft damp cloth",
	  "!Duvet Cover;Pillowcase Pair;Fitted Sheet;Throw Blanket;Quilt;Bedspread;Cushion Cover" },
	{ "Home & Kitchen", "Machine washable",
	  "Duvet Cover;Pillowcase Pair;Fitted Sheet;Throw Blanket;Quilt;Bedspread;Cushion Cover" },
	{ "Cookware", " L", "Saucepan;Casserole Dish;Stockpot;Sauté Pan" },
	{ "Cookware", "pouring lip", "Saucepan;Sauté Pan;Frying Pan;Skillet" },
	{ "Kitchen Utensils", "grain varies", "Spatula;Ladle;Slotted Spoon;Wooden Spoon" },
	{ "Kitchen Utensils", "Olive Wood", "Spatula;Ladle;Slotted Spoon;Wooden Spoon;Tongs" },
	{ "Kitchen Utensils", "Beech", "Spatula;Ladle;Slotted Spoon;Wooden Spoon;Pastry Brush" },
	{ "Kitchen Utensils", "Bamboo", "Spatula;Ladle;Slotted Spoon;Wooden Spoon;Tongs" },
	{ "Kitchen Utensils", "Oak", "Spatula;Ladle;Slotted Spoon;Wooden Spoon" },
	{ "Kitchen Utensils", "Set of", "Spatula;Wooden Spoon;Slotted Spoon;Whisk;Tongs" },
	{ "Tableware", "wide rim", "Dinner Plate;Pasta Bowl;Platter" },
	{ "Tableware", "Oak", "Serving Board;Salad Bowl;Serving Bowl;Platter" },
	{ "Tableware", "Acacia Wood", "Serving Board;Salad Bowl;Serving Bowl;Platter" },
	{ "Tableware", "Walnut", "Serving Board;Salad Bowl;Serving Bowl;Platter" },
	{ "Bedding", "button fastenings", "Duvet Cover;Pillowcase Pair" },
	{ "Bedding", "Single", "Duvet Cover;Fitted Sheet;Quilt;Bedspread" },
	{ "Bedding", "Double", "Duvet Cover;Fitted Sheet;Quilt;Bedspread" },
	{ "Bedding", "King", "Duvet Cover;Fitted Sheet;Quilt;Bedspread" },
	{ "Home Decor", "Felt pads", "Vase;Candle Holder;Table Lamp;Photo Frame;Plant Stand" },
	{ "Home Decor", "Hand-Blown Glass", "Vase;Candle Holder;Table Lamp" },
	{ "Home Decor", "Velvet", "Cushion Cover" },
	{ "Home Decor", "Linen", "Cushion Cover;Table Lamp" },
	{ "Home Decor", "Rattan", "!Cushion Cover;Wall Clock" },
	{ "Home Decor", "Terracotta", "Vase;Candle Holder;Table Lamp;Plant Stand" },
	{ "Storage", "Airtight", "Storage Jar;Bread Bin" },
	{ "Storage", "Handles make it easy", "Storage Basket;Laundry Basket" },
	{ "Storage", "Nests neatly", "Storage Basket;Storage Jar" },
	{ "Storage", " L", "Storage Jar" },
	{ "Storage", "Borosilicate Glass", "Storage Jar" },
	{ "Storage", "wall plugs", "Spice Rack;Shelf Organiser" },
	{ "Storage", "Seagrass", "Storage Basket;Laundry Basket" },
	/* Electronics */
	{ "Headphones", "hours of playback", "Over-Ear Headphones;On-Ear Headphones;Earbuds;Sports Earphones" },
	{ "Headphones", "Ten minutes of charging", "Over-Ear Headphones;On-Ear Headphones;Earbuds;Sports Earphones" },
	{ "Headphones", "Memory foam cushions", "Over-Ear Headphones;On-Ear Headphones;Gaming Headset;Kids' Headphones" },
	{ "Headphones", "Open-Back", "Over-Ear Headphones;Gaming Headset" },
	{ "Headphones", "Foldable", "Over-Ear Headphones;On-Ear Headphones;Kids' Headphones" },
	{ "Speakers", "Pair two", "Bluetooth Speaker;Smart Speaker;Party Speaker" },
	{ "Speakers", "IP67", "Bluetooth Speaker;Shower Speaker;Party Speaker" },
	{ "Speakers", "hours of playback", "Bluetooth Speaker;Shower Speaker;Party Speaker" },
	{ "Speakers", "Portable", "Bluetooth Speaker;Shower Speaker;Party Speaker" },
	{ "Speakers", "Waterproof", "Bluetooth Speaker;Shower Speaker;Party Speaker" },
	{ "Speakers", "Rugged", "Bluetooth Speaker;Party Speaker" },
	{ "Speakers", "garden parties", "Bluetooth Speaker;Party Speaker" },
	{ "Speakers", "sit quietly on a shelf", "Bookshelf Speakers;Smart Speaker" },
	{ "Speakers", "TV or a turntable", "Bookshelf Speakers;Soundbar" },
	{ "Chargers & Cables", "power sharing", "USB-C Charger;Power Bank;Car Charger;Travel Adapter" },
	{ "Chargers & Cables", "20,000 bends", "Charging Cable" },
	{ "Chargers & Cables", "laptop, tablet and phone", "USB-C Charger;Travel Adapter" },
	{ "Chargers & Cables", "Braided", "Charging Cable" },
	{ "Chargers & Cables", "65 W GaN", "USB-C Charger" },
	{ "Chargers & Cables", "Magnetic", "Wireless Charging Pad;Charging Cable;Power Bank;Car Charger" },
	{ "Chargers & Cables", "Dual-Port", "USB-C Charger;Car Charger;Power Bank;Travel Adapter" },
	{ "Chargers & Cables", "mAh", "Power Bank" },
	{ "Chargers & Cables", "1 m", "Charging Cable" },
	{ "Chargers & Cables", "2 m", "Charging Cable" },
	{ "Chargers & Cables", "3 m", "Charging Cable" },
	{ "Smart Home", "E27", "Smart Bulb" },
	{ "Smart Home", "GU10", "Smart Bulb" },
	{ "Smart Home", "Battery-Powered", "Video Doorbell;Security Camera;Motion Sensor" },
	{ "Phone Accessories", "Raised edges", "Phone Case" },
	{ "Phone Accessories", "wireless charging", "Phone Case;Screen Protector" },
	{ "Phone Accessories", "cut-outs", "Phone Case;Screen Protector" },
	{ "Phone Accessories", "Tempered Glass", "Screen Protector;Camera Lens Kit" },
	{ "Phone Accessories", "Leather", "Phone Case;Phone Grip;Phone Stand" },
	{ "Phone Accessories", "Clear", "Phone Case;Screen Protector" },
	{ "Phone Accessories", "protect without adding bulk", "Phone Case;Screen Protector" },
	{ "Phone Accessories", "everyday drops", "Phone Case;Screen Protector" },
	{ "Phone Accessories", "eye level", "Phone Stand;Car Mount" },
	{ "Phone Accessories", "with or without a case", "Phone Stand;Car Mount;Phone Grip;Camera Lens Kit" },
	/* Fashion */
	{ "Fashion", "care label",
	  "!Necklace;Hoop Earrings;Stud Earrings;Signet Ring;Bracelet;Pendant;Cuff" },
	{ "Fashion", "size exchanges", "!Necklace;Hoop Earrings;Stud Earrings;Bracelet;Pendant;Cuff" },
	{ "Women's Clothing", "Side pockets", "Wrap Dress;Wide-Leg Trousers;Midi Skirt;Jumpsuit;Cardigan" },
	{ "Men's Clothing", "Waxed Cotton", "Field Jacket;Overshirt" },
	{ "Men's Clothing", "Heavyweight Jersey", "T-Shirt;Hoodie" },
	{ "Men's Clothing", "Merino Wool", "Crew-Neck Jumper;Hoodie;T-Shirt" },
	{ "Shoes", "resoleable", "Chelsea Boots;Loafers;Hiking Boots;Brogues" },
	{ "Shoes", "Recycled Canvas", "Trainers;Sneakers" },
	{ "Bags", "padded strap", "Tote Bag;Backpack;Crossbody Bag;Weekender" },
	{ "Bags", "aircraft seat", "Backpack;Weekender;Tote Bag" },
	{ "Bags", "15-inch", "Laptop Sleeve;Backpack" },
	{ "Jewellery", "inch", "Necklace;Pendant" },
	{ "Jewellery", "Size", "Signet Ring" },
	{ "Jewellery", "Freshwater Pearl", "Necklace;Hoop Earrings;Stud Earrings;Bracelet;Pendant" },
	{ "Scarves & Hats", "Straw", "Sun Hat;Bucket Hat" },
	{ "Scarves & Hats", "keep the cold out", "Scarf;Beanie;Flat Cap;Snood" },
	{ "Scarves & Hats", "dark coat", "Scarf;Snood;Beanie" },
	{ "Scarves & Hats", "Wool", "Scarf;Beanie;Snood;Flat Cap" },
	{ "Scarves & Hats", "Cashmere", "Scarf;Beanie;Snood" },
	{ "Scarves & Hats", "Alpaca", "Scarf;Beanie;Snood" },
	{ "Scarves & Hats", "Cotton Twill", "Bucket Hat;Flat Cap;Sun Hat" },
	/* Sports & Outdoors */
	{ "Sports & Outdoors", "Check straps and fastenings",
	  "Tent;Sleeping Bag;Camping Chair;Headlamp;Bike Helmet;Pannier Bag;Bike Light Set;Hydration Vest;"
	  "Stand-Up Paddle Board;Dry Bag;Snorkel Set;Swim Goggles;Running Shoes" },
	{ "Sports & Outdoors", "Rinse with fresh water",
	  "Tent;Sleeping Mat;Wetsuit;Snorkel Set;Stand-Up Paddle Board;Dry Bag;Swim Goggles;Beach Towel;Pannier Bag" },
	{ "Sports & Outdoors", "Ultralight", "!Kettlebell;Dumbbell Pair;Pull-Up Bar;Stand-Up Paddle Board" },
	{ "Sports & Outdoors", "Packable", "!Kettlebell;Dumbbell Pair;Pull-Up Bar;Stand-Up Paddle Board;Camping Stove;Lantern;Bike Lock" },
	{ "Sports & Outdoors", "Lightweight", "!Kettlebell;Dumbbell Pair" },
	{ "Sports & Outdoors", "Expedition", "Tent;Sleeping Bag;Camping Stove;Headlamp;Sleeping Mat;Lantern;Pannier Bag;Dry Bag" },
	{ "Sports & Outdoors", "Trail", "Tent;Sleeping Bag;Camping Stove;Headlamp;Sleeping Mat;Camping Chair;Lantern;"
	  "Running Shoes;Running Jacket;Running Tights;Hydration Vest;Running Cap;Sports Socks" },
	{ "Camping", "Taped seams", "Tent" },
	{ "Camping", "stuff sack", "Tent;Sleeping Bag;Sleeping Mat" },
	{ "Camping", "Tested in conditions", "Tent;Sleeping Bag;Sleeping Mat" },
	{ "Camping", "set up in minutes", "Tent" },
	{ "Camping", "Ripstop Nylon", "Tent;Sleeping Bag;Camping Chair" },
	{ "Camping", "Down-Filled", "Sleeping Bag" },
	{ "Camping", "Titanium", "Camping Stove;Lantern" },
	{ "Camping", "Aluminium", "Camping Stove;Camping Chair;Lantern;Headlamp" },
	{ "Camping", "Insulated", "Sleeping Mat;Sleeping Bag;Tent" },
	{ "Camping", "Self-Inflating", "Sleeping Mat" },
	{ "Camping", "-Person", "Tent" },
	{ "Camping", "Regular", "Sleeping Bag;Sleeping Mat" },
	{ "Camping", "Long", "Sleeping Bag;Sleeping Mat" },
	{ "Cycling", "Quick-release mount", "Bike Light Set;Pannier Bag;Bike Lock" },
	{ "Cycling", "of light on one charge", "Bike Light Set" },
	{ "Cycling", "Reflective", "Bike Helmet;Cycling Gloves;Pannier Bag" },
	{ "Cycling", "Waterproof", "Pannier Bag;Cycling Gloves;Bike Light Set;Saddle" },
	{ "Cycling", "Carbon", "Bike Helmet;Saddle;Bottle Cage" },
	{ "Cycling", "Aluminium", "Bottle Cage" },
	{ "Cycling", "Padded", "Cycling Gloves;Saddle" },
	{ "Cycling", "USB-Rechargeable", "Bike Light Set" },
	{ "Cycling", "Size", "Bike Helmet;Cycling Gloves" },
	{ "Cycling", "seen on dark winter evenings", "Bike Light Set;Bike Helmet;Pannier Bag" },
	{ "Cycling", "fit most bikes", "Bike Light Set;Pannier Bag;Bike Lock;Saddle;Bottle Cage" },
	{ "Fitness", "non-slip surface", "Yoga Mat" },
	{ "Fitness", "Natural Rubber", "Yoga Mat;Resistance Band Set" },
	{ "Fitness", "Cast Iron", "Kettlebell;Dumbbell Pair" },
	{ "Fitness", "Cork", "Yoga Mat" },
	{ "Fitness", "Neoprene", "Kettlebell;Dumbbell Pair" },
	{ "Fitness", "High-Density Foam", "Foam Roller;Yoga Mat" },
	{ "Fitness", "Steel", "Pull-Up Bar;Skipping Rope;Kettlebell;Dumbbell Pair" },
	{ "Fitness", " kg", "Kettlebell;Dumbbell Pair" },
	{ "Fitness", "6 mm", "Yoga Mat" },
	{ "Fitness", "Purple", "Yoga Mat;Resistance Band Set;Foam Roller;Skipping Rope" },
	{ "Running", "Flatlock seams", "Running Jacket;Running Tights;Hydration Vest;Sports Socks" },
	{ "Running", "zipped pocket", "Running Jacket;Running Tights;Hydration Vest" },
	{ "Running", "Reflective details", "!Sports Socks" },
	{ "Running", "Merino", "Sports Socks;Running Tights;Running Cap" },
	{ "Running", "Lightweight Mesh", "Running Shoes;Running Cap;Hydration Vest" },
	{ "Running", "Seamless", "Sports Socks;Running Tights" },
	{ "Running", "EU 42", "Running Shoes;Sports Socks" },
	{ "Running", "Size", "!Running Shoes" },
	{ "Running", "keep you dry", "Running Jacket;Running Cap;Running Shoes" },
	{ "Water Sports", "carry bag", "Stand-Up Paddle Board;Snorkel Set;Swim Goggles" },
	{ "Water Sports", "Inflatable", "Stand-Up Paddle Board" },
	{ "Water Sports", "Neoprene", "Wetsuit" },
	{ "Water Sports", "Anti-Fog", "Snorkel Set;Swim Goggles" },
	{ "Water Sports", "Quick-Dry", "Beach Towel;Wetsuit" },
	{ "Water Sports", "Microfibre", "Beach Towel" },
	{ "Water Sports", "Roll-Top", "Dry Bag" },
	{ "Water Sports", "0 L", "Dry Bag" },
	{ "Water Sports", "Size", "Wetsuit" },
	{ "Water Sports", "keep your kit dry", "Dry Bag" },
	/* Beauty & Personal Care */
	{ "Beauty & Personal Care", "Patch test",
	  "!Hair Brush;Wide-Tooth Comb;Scented Candle;Reed Diffuser;Room Spray" },
	{ "Beauty & Personal Care", "Vegan", "!Hair Brush" },
	{ "Hair Care", "Colour-safe", "Shampoo;Conditioner;Hair Mask;Hair Oil;Styling Cream" },
	{ "Hair Care", "A little goes a long way", "Shampoo;Conditioner;Hair Mask;Hair Oil;Styling Cream" },
	{ "Hair Care", "Boar Bristle", "Hair Brush" },
	{ "Hair Care", "Bamboo", "Hair Brush;Wide-Tooth Comb" },
	{ "Hair Care", "Argan Oil", "Shampoo;Conditioner;Hair Mask;Hair Oil;Styling Cream" },
	{ "Hair Care", "Coconut", "Shampoo;Conditioner;Hair Mask;Hair Oil;Styling Cream" },
	{ "Hair Care", "Rosemary", "Shampoo;Conditioner;Hair Mask;Hair Oil" },
	{ "Hair Care", "Sulphate-Free", "Shampoo;Conditioner" },
	{ "Hair Care", " ml", "Shampoo;Conditioner;Hair Mask;Hair Oil;Styling Cream" },
	{ "Hair Care", "Refill", "Shampoo;Conditioner" },
	{ "Hair Care", "formulated", "Shampoo;Conditioner;Hair Mask;Hair Oil;Styling Cream" },
	{ "Bath & Body", "100 g", "Soap Bar;Bath Salts;Body Scrub" },
	{ "Bath & Body", "250 ml", "Body Wash;Body Lotion;Hand Cream;Bath Oil" },
	{ "Bath & Body", "tired muscles", "Bath Salts;Bath Oil" },
	{ "Fragrance", "Bottled and boxed", "Eau de Parfum;Eau de Toilette;Reed Diffuser;Room Spray" },
	{ "Fragrance", " ml", "Eau de Parfum;Eau de Toilette;Room Spray;Reed Diffuser" },
	{ "Fragrance", "200 g", "Scented Candle" },
	{ "Fragrance", "fill a room", "Scented Candle;Reed Diffuser;Room Spray" },
	{ "Fragrance", "morning to evening", "Eau de Parfum;Eau de Toilette;Solid Perfume" },
	/* Toys & Games */
	{ "Toys & Games", "small parts",
	  "Strategy Game;Family Board Game;Card Game;Party Game;Cooperative Game;Chess Set;Dice Game;Jigsaw Puzzle;"
	  "3D Puzzle;Puzzle Box;Brain Teaser;Building Blocks;Train Set;Water Blaster;Sand Pit Set" },
	{ "Toys & Games", "Pocket", "!Play Kitchen;Climbing Dome;Swing Seat;Garden Tent;Balance Bike;Scooter;Floor Puzzle;Sand Pit Set" },
	{ "Puzzles", "Pieces", "Jigsaw Puzzle;3D Puzzle;Floor Puzzle" },
	{ "Puzzles", "poster of the finished picture", "Jigsaw Puzzle;Floor Puzzle" },
	{ "Puzzles", "snug-fitting", "Jigsaw Puzzle;Floor Puzzle" },
	{ "Puzzles", "Panoramic", "Jigsaw Puzzle" },
	{ "Wooden Toys", "Set of", "Building Blocks;Train Set" },
	{ "Outdoor Play", "Maximum user weight", "Swing Seat;Climbing Dome;Scooter" },
	{ "Outdoor Play", "Assembly takes", "Swing Seat;Garden Tent;Climbing Dome;Sand Pit Set" },
	{ "Outdoor Play", "Packs away flat", "Garden Tent;Kite;Swing Seat" },
	{ "Outdoor Play", "Canvas", "Garden Tent" },
	{ "Outdoor Play", "Foldable", "Scooter;Garden Tent" },
	{ "Outdoor Play", "Steel-Frame", "Climbing Dome;Swing Seat;Scooter;Garden Tent" },
	/* Stationery & Office */
	{ "Notebooks", "Numbered pages", "Notebook;Journal;Bullet Journal;Planner" },
	{ "Notebooks", "ribbon markers", "Notebook;Journal;Bullet Journal;Planner;Sketchbook" },
	{ "Notebooks", "Dot Grid", "Notebook;Journal;Planner;Notepad;Bullet Journal" },
	{ "Notebooks", "Lined", "Notebook;Journal;Planner;Notepad" },
	{ "Pens & Pencils", "cartridges", "Fountain Pen" },
	{ "Pens & Pencils", "ink that will not smudge", "Rollerball Pen;Fineliner Set;Brush Pen;Ballpoint Pen" },
	{ "Pens & Pencils", "Nib", "Fountain Pen" },
	{ "Pens & Pencils", "Ink", "Fountain Pen;Rollerball Pen;Ballpoint Pen" },
	{ "Pens & Pencils", "0.5 mm", "Mechanical Pencil;Fineliner Set;Rollerball Pen;Ballpoint Pen" },
	{ "Pens & Pencils", "Set of 12", "Pencil Set;Fineliner Set;Brush Pen" },
	{ "Pens & Pencils", "Cedar Wood", "Pencil Set" },
	{ "Pens & Pencils", "refilled", "Fountain Pen;Rollerball Pen;Mechanical Pencil;Ballpoint Pen" },
	{ "Art Supplies", "hold their point", "Paint Brush Set" },
	{ "Art Supplies", "Heavy paper", "Drawing Pad" },
	{ "Art Supplies", "Lightfast", "Watercolour Set;Acrylic Paint Set;Oil Pastels" },
	{ "Art Supplies", "reusable tin", "Watercolour Set;Sketching Pencils;Oil Pastels" },
	{ "Art Supplies", "Colours", "Watercolour Set;Acrylic Paint Set;Oil Pastels" },
	{ "Art Supplies", "Set of 10", "Paint Brush Set;Sketching Pencils" },
	{ "Art Supplies", "Water-Soluble", "Sketching Pencils" },
	{ "Art Supplies", "pigment", "Watercolour Set;Acrylic Paint Set;Oil Pastels;Sketching Pencils" },
	/* Garden */
	{ "Garden", "frosty weather", "!Seed Collection;Tulip Bulbs;Herb Garden Kit;Wildflower Seeds;Tomato Seeds;Dahlia Tubers" },
	{ "Garden", "soft brush", "!Seed Collection;Tulip Bulbs;Herb Garden Kit;Wildflower Seeds;Tomato Seeds;Dahlia Tubers" },
	{ "Garden", "against defects", "!Seed Collection;Tulip Bulbs;Herb Garden Kit;Wildflower Seeds;Tomato Seeds;Dahlia Tubers" },
	{ "Garden", "until sowing", "Seed Collection;Tulip Bulbs;Herb Garden Kit;Wildflower Seeds;Tomato Seeds;Dahlia Tubers" },
	{ "Plant Pots", "drainage hole", "Plant Pot;Hanging Planter;Window Box;Self-Watering Pot" },
	{ "Plant Pots", "glazed by hand", "Plant Pot;Plant Saucer;Hanging Planter" },
	{ "Garden Tools", " L", "Watering Can" },
	{ "Garden Tools", "Ash-Handled", "Trowel;Hand Fork;Spade;Garden Rake" },
	{ "Garden Tools", "Forged", "Trowel;Hand Fork;Spade;Garden Rake;Pruning Shears" },
	{ "Garden Tools", "Carbon Steel", "Trowel;Hand Fork;Spade;Garden Rake;Pruning Shears" },
	{ "Garden Tools", "Stainless Steel", "Trowel;Hand Fork;Spade;Garden Rake;Pruning Shears" },
	{ "Garden Tools", "Galvanised", "Watering Can;Garden Rake;Spade" },
	{ "Garden Tools", "dig, lift and prune", "Trowel;Hand Fork;Spade;Garden Rake;Pruning Shears" },
	{ "Garden Tools", "linseed oil", "Trowel;Hand Fork;Spade;Garden Rake" },
	{ "Outdoor Lighting", "Lights up at dusk", "Solar Lantern;String Lights;Path Light" },
	{ "Outdoor Lighting", "Solar-Powered", "Solar Lantern;String Lights;Path Light" },
	{ "Outdoor Lighting", "Low-Voltage", "String Lights;Path Light;Wall Light" },
	{ "Outdoor Lighting", "0 m", "String Lights" },
	{ "Outdoor Lighting", "Warm White", "String Lights;Path Light;Wall Light;Solar Lantern" },
	{ "Outdoor Lighting", "Rattan", "Solar Lantern;Wall Light" },
	{ "Outdoor Lighting", "Cast Iron", "Fire Pit;Wall Light;Solar Lantern" },
	{ "Seeds & Bulbs", "100 g", "Wildflower Seeds" },
	/* Food & Drink */
	{ "Coffee", "valve bag", "Coffee Beans;Ground Coffee;Espresso Blend;Decaf Coffee" },
	{ "Coffee", "Whole Bean", "Coffee Beans;Espresso Blend" },
	{ "Coffee", "Filter Grind", "Ground Coffee;Decaf Coffee" },
	{ "Coffee", "espresso, filter and cafetière", "Coffee Beans;Ground Coffee;Decaf Coffee" },
	{ "Tea", "Bags", "Tea Bags;Herbal Infusion;Chai Blend" },
	{ "Tea", "Darjeeling", "Loose Leaf Tea;Tea Bags;Tea Gift Tin" },
	{ "Tea", "Assam", "Loose Leaf Tea;Tea Bags;Tea Gift Tin;Chai Blend" },
	{ "Tea", "Sencha", "Loose Leaf Tea;Tea Bags;Tea Gift Tin" },
	{ "Tea", "Rooibos", "Loose Leaf Tea;Tea Bags;Herbal Infusion;Chai Blend" },
	{ "Tea", "Earl Grey", "Loose Leaf Tea;Tea Bags;Tea Gift Tin" },
	{ "Tea", "Peppermint", "Herbal Infusion;Tea Bags;Loose Leaf Tea" },
	{ "Chocolate", "Box of", "Truffle Box;Praline Selection" },
	{ "Chocolate", " g", "Chocolate Bar;Hot Chocolate;Chocolate Buttons" },
	{ "Olive Oil & Vinegar", "Aged", "Balsamic Vinegar" },
	{ "Olive Oil & Vinegar", "Cold-Pressed", "Extra Virgin Olive Oil;Infused Oil;Oil and Vinegar Set" },
	{ "Olive Oil & Vinegar", "Garlic", "Infused Oil" },
	{ "Olive Oil & Vinegar", "Chilli", "Infused Oil" },
	{ "Olive Oil & Vinegar", "Lemon", "Infused Oil" },
	{ "Olive Oil & Vinegar", "pressed within hours", "Extra Virgin Olive Oil;Infused Oil" },
	{ "Olive Oil & Vinegar", "oak barrels", "Balsamic Vinegar;Cider Vinegar" },
	{ "Olive Oil & Vinegar", "Peppery finish", "Extra Virgin Olive Oil" },
	{ "Olive Oil & Vinegar", "3 L Tin", "Extra Virgin Olive Oil" },
	{ "Spices", "Whole", "Peppercorns;Saffron" },
	{ "Spices", "Ground", "Spice Blend;Curry Powder;Peppercorns" },
	{ "Spices", "Smoked", "Chilli Flakes;Peppercorns;Spice Blend" },
	{ "Food & Drink", "Single-Origin", "!Lager;Pale Ale;Wheat Beer;Stout;Ice Cubes;Crushed Ice" },
	{ "Food & Drink", "Estate", "!Lager;Pale Ale;Wheat Beer;Stout;Ice Cubes;Crushed Ice" },
	{ "Food & Drink", "Organic", "!Ice Cubes;Crushed Ice" },
	{ "Food & Drink", "Hand-Crafted", "!Stout;Lemons;Limes;Ice Cubes;Crushed Ice" },
	{ "Food & Drink", "Reserve", "!Lemons;Limes;Ice Cubes;Crushed Ice" },
	{ "Food & Drink", "Heritage", "!Ice Cubes;Crushed Ice" },
	{ "Food & Drink", "Store in a cool, dry place", "!Lemons;Limes;Ice Cubes;Crushed Ice" },
	{ "Food & Drink", "Packed in a kitchen",
	  "!Lager;Pale Ale;Wheat Beer;Stout;Lemons;Limes;Ice Cubes;Crushed Ice" },
	{ "Food & Drink", "Keep frozen", "Ice Cubes;Crushed Ice" },
	{ "Food & Drink", "Keep in the fridge", "Lemons;Limes" },
	{ "Beer", "Bavarian", "Lager;Wheat Beer" },
	{ "Beer", "Belgian-Style", "Wheat Beer;Pale Ale" },
	{ "Beer", "Oatmeal", "Stout" },
	{ "Beer", "Unfiltered", "Lager;Pale Ale;Wheat Beer" },
	{ "Beer", "Session", "Lager;Pale Ale" },
	{ "Beer", "ml Can", "Lager;Pale Ale;Stout" },
	{ "Beer", "slice of lemon", "Lager;Wheat Beer;Pale Ale" },
	{ "Beer", "Bottle-conditioned", "Wheat Beer;Pale Ale;Stout" },
	{ "Fruit & Ice", "Unwaxed", "Lemons;Limes" },
	{ "Fruit & Ice", "Sicilian", "Lemons" },
	{ "Fruit & Ice", "Persian", "Limes" },
	{ "Fruit & Ice", "Crystal-Clear", "Ice Cubes" },
	{ "Fruit & Ice", "Slow-Frozen", "Ice Cubes;Crushed Ice" },
	{ "Fruit & Ice", "Net of", "Lemons;Limes" },
	{ "Fruit & Ice", "kg Bag", "Ice Cubes;Crushed Ice" },
	{ "Fruit & Ice", "picked ripe", "Lemons;Limes" },
	{ "Fruit & Ice", "frozen hard", "Ice Cubes;Crushed Ice" },
	{ "Fruit & Ice", "Thin-skinned", "Lemons;Limes" },
	{ "Fruit & Ice", "peel is unwaxed", "Lemons;Limes" },
	{ "Fruit & Ice", "filtered water", "Ice Cubes;Crushed Ice" },
	/* Pets */
	{ "Dog Beds", "Removable cover", "Dog Bed;Dog Mattress;Donut Bed;Crate Mat" },
	{ "Dog Beds", "Memory Foam", "Dog Bed;Dog Mattress;Crate Mat" },
	{ "Cat Toys", "Sisal", "Scratching Post" },
	{ "Cat Toys", "Catnip-Filled", "Catnip Mouse" },
	{ "Cat Toys", "Feather", "Cat Wand;Feather Teaser" },
	{ "Cat Toys", "Organic catnip", "Catnip Mouse" },
	{ "Cat Toys", "Stitched by hand", "Catnip Mouse;Cat Tunnel;Feather Teaser" },
	{ "Leads & Collars", "2 m", "Dog Lead;Training Lead" },
	{ "Leads & Collars", "walks", "Dog Lead;Dog Collar;Harness;Training Lead" },
	{ "Leads & Collars", "strong pullers", "Dog Lead;Harness;Training Lead;Dog Collar" },
	{ "Leads & Collars", "sit comfortably all day", "Dog Collar;Cat Collar;Harness" },
	{ "Bowls & Feeders", "slow down fast eaters", "Slow Feeder" },
	{ "Bowls & Feeders", " L", "Water Fountain;Dog Bowl;Cat Bowl;Travel Bowl" },
};

static const char *const demo_closings[] = {
	"Dispatched by %s within two working days.",
	"Questions about sizing or materials? Message %s from this page.",
	"Sold and shipped by %s.",
	"Packed with care by the team at %s.",
};

/* ---- the generator ------------------------------------------------------ */

/* splitmix64: small, fast and good enough for demo data. */
struct demo_rng {
	uint64_t state;
};

static uint64_t
demo_next(struct demo_rng *r)
{
	uint64_t z = (r->state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static void
demo_seed(struct demo_rng *r, uint64_t seed, uint64_t stream)
{
	r->state = seed * 0xD1B54A32D192ED03ULL ^ (stream + 0x632BE59BD9B4E019ULL);
	demo_next(r);
}

/* Uniform in [0, n). */
static unsigned
demo_below(struct demo_rng *r, unsigned n)
{
	return n ? (unsigned)(demo_next(r) % n) : 0;
}

/* Uniform in [lo, hi]. */
static long long
demo_range(struct demo_rng *r, long long lo, long long hi)
{
	return lo + (long long)(demo_next(r) % (uint64_t)(hi - lo + 1));
}

/* True with probability percent/100 (in tenths: permille/1000). */
static int
demo_chance(struct demo_rng *r, unsigned permille)
{
	return demo_below(r, 1000) < permille;
}

static unsigned
demo_count(const char *const *list)
{
	unsigned n = 0;

	while (n < DEMO_LIST_MAX && list[n])
		n++;
	return n;
}

static const char *
demo_pick(struct demo_rng *r, const char *const *list)
{
	return list[demo_below(r, demo_count(list))];
}

static unsigned
demo_nsubs(const struct demo_top *t)
{
	unsigned n = 0;

	while (n < DEMO_SUBS_MAX && t->subs[n].name)
		n++;
	return n;
}

/* noun is one of the ';'-separated names in list. */
static int
demo_in_list(const char *list, const char *noun)
{
	size_t n = strlen(noun);

	while (*list) {
		const char *end = strchr(list, ';');
		size_t len = end ? (size_t)(end - list) : strlen(list);

		if (len == n && strncmp(list, noun, n) == 0)
			return 1;
		if (end == NULL)
			break;
		list = end + 1;
	}
	return 0;
}

/* The line of scope's lists suits noun (see demo_fits), looked up once per
 * line and noun: a large catalogue asks the same question millions of times. */
static int demo_fits_rules(const char *scope, const char *line, const char *noun);

static int
demo_fits_noun(const char *scope, const char *line, const char *noun)
{
	static struct {
		const char *scope, *line, *noun;	/* the compiler may share equal strings */
		int fits;
	} memo[1 << 15];
	uintptr_t h = ((uintptr_t)line * 31u) ^ ((uintptr_t)noun * 17u) ^ (uintptr_t)scope;
	size_t i = (size_t)(h ^ (h >> 15)) & (sizeof memo / sizeof memo[0] - 1), probes;

	for (probes = 0; probes < sizeof memo / sizeof memo[0]; probes++) {
		if (memo[i].line == NULL) {
			memo[i].scope = scope;
			memo[i].line = line;
			memo[i].noun = noun;
			memo[i].fits = demo_fits_rules(scope, line, noun);
			return memo[i].fits;
		}
		if (memo[i].line == line && memo[i].noun == noun && memo[i].scope == scope)
			return memo[i].fits;
		i = (i + 1) & (sizeof memo / sizeof memo[0] - 1);
	}
	return demo_fits_rules(scope, line, noun);
}

static int
demo_fits_rules(const char *scope, const char *line, const char *noun)
{
	size_t i;

	for (i = 0; i < sizeof demo_fits / sizeof demo_fits[0]; i++) {
		const struct demo_fit *f = &demo_fits[i];
		int listed;

		if (strcmp(f->scope, scope) != 0 || strstr(line, f->phrase) == NULL)
			continue;
		listed = f->nouns[0] == '!' ? !demo_in_list(f->nouns + 1, noun) : demo_in_list(f->nouns, noun);
		if (!listed)
			return 0;
	}
	return 1;
}

/* How many lines of list suit noun. */
static unsigned
demo_count_for(const char *const *list, const char *scope, const char *noun)
{
	unsigned i, n = 0;

	for (i = 0; i < DEMO_LIST_MAX && list[i]; i++)
		n += demo_fits_noun(scope, list[i], noun);
	return n;
}

/* A line of list that suits noun, skipping the one given as not (may be
 * NULL); NULL when there is none. */
static const char *
demo_pick_for(struct demo_rng *r, const char *const *list, const char *scope, const char *noun,
	      const char *not)
{
	unsigned i, n = 0, k;

	for (i = 0; i < DEMO_LIST_MAX && list[i]; i++)
		n += list[i] != not && demo_fits_noun(scope, list[i], noun);
	if (n == 0)
		return NULL;
	k = demo_below(r, n);
	for (i = 0; i < DEMO_LIST_MAX && list[i]; i++)
		if (list[i] != not && demo_fits_noun(scope, list[i], noun) && k-- == 0)
			return list[i];
	return NULL;
}

/* Fit rule i names a scope that exists and a phrase found in one of its
 * lines. Prints what is wrong; returns 0 or -1. */
static int
demo_fit_rule_check(size_t i)
{
	const struct demo_fit *f = &demo_fits[i];
	int scope = 0, line = 0;
	unsigned t, sb, k, l;

	for (t = 0; t < DEMO_NTOP; t++) {
		const struct demo_top *top = &demo_tree[t];
		const char *const *tl[] = { top->adjectives, top->care };

		if (strcmp(top->name, f->scope) == 0) {
			scope = 1;
			for (k = 0; k < 2; k++)
				for (l = 0; l < DEMO_LIST_MAX && tl[k][l]; l++)
					line |= strstr(tl[k][l], f->phrase) != NULL;
		}
		for (sb = 0; sb < demo_nsubs(top); sb++) {
			const struct demo_sub *sub = &top->subs[sb];
			const char *const *sl[] = { sub->qualities, sub->variants, sub->uses, sub->details };

			if (strcmp(sub->name, f->scope) != 0)
				continue;
			scope = 1;
			for (k = 0; k < 4; k++)
				for (l = 0; l < DEMO_LIST_MAX && sl[k][l]; l++)
					line |= strstr(sl[k][l], f->phrase) != NULL;
		}
	}
	if (scope && line)
		return 0;
	fprintf(stderr, "demo_catalog: fit rule %zu: no %s \"%s\"\n", i,
		scope ? "line with" : "category", scope ? f->phrase : f->scope);
	return -1;
}

/* True when the len bytes at noun are a noun of scope (a top or a sub
 * category). */
static int
demo_is_noun_of(const char *scope, const char *noun, size_t len)
{
	unsigned t, sb, l;

	for (t = 0; t < DEMO_NTOP; t++) {
		const struct demo_top *top = &demo_tree[t];

		for (sb = 0; sb < demo_nsubs(top); sb++) {
			const struct demo_sub *sub = &top->subs[sb];

			if (strcmp(sub->name, scope) != 0 && strcmp(top->name, scope) != 0)
				continue;
			for (l = 0; l < DEMO_LIST_MAX && sub->nouns[l]; l++)
				if (strlen(sub->nouns[l]) == len && strncmp(sub->nouns[l], noun, len) == 0)
					return 1;
		}
	}
	return 0;
}

/* Every noun fit rule i names is a noun of its scope. Prints what is
 * wrong; returns 0 or -1. */
static int
demo_fit_nouns_check(size_t i)
{
	const struct demo_fit *f = &demo_fits[i];
	const char *nouns = f->nouns + (f->nouns[0] == '!');
	int rc = 0;

	while (*nouns) {
		const char *end = strchr(nouns, ';');
		size_t len = end ? (size_t)(end - nouns) : strlen(nouns);

		if (!demo_is_noun_of(f->scope, nouns, len)) {
			fprintf(stderr, "demo_catalog: fit rule %zu: \"%.*s\" is not a noun of %s\n", i,
				(int)len, nouns, f->scope);
			rc = -1;
		}
		if (end == NULL)
			break;
		nouns = end + 1;
	}
	return rc;
}

/* Every noun of sub has a use, a detail and a care line that fits it, and
 * every line of sub fits some noun. Prints what is wrong; returns 0 or -1. */
static int
demo_sub_lines_check(const struct demo_top *top, const struct demo_sub *sub)
{
	const char *const *sl[] = { sub->qualities, sub->variants, sub->uses, sub->details };
	unsigned k, l;
	int rc = 0;

	for (l = 0; l < DEMO_LIST_MAX && sub->nouns[l]; l++) {
		const char *noun = sub->nouns[l];

		if (demo_count_for(sub->uses, sub->name, noun) == 0 ||
		    demo_count_for(sub->details, sub->name, noun) == 0 ||
		    demo_count_for(top->care, top->name, noun) == 0) {
			fprintf(stderr, "demo_catalog: %s has no use, detail or care line that fits\n", noun);
			rc = -1;
		}
	}
	for (k = 0; k < 4; k++)
		for (l = 0; l < DEMO_LIST_MAX && sl[k][l]; l++) {
			unsigned nn, fit = 0;

			for (nn = 0; nn < DEMO_LIST_MAX && sub->nouns[nn]; nn++)
				fit += demo_fits_noun(sub->name, sl[k][l], sub->nouns[nn]);
			if (fit == 0) {
				fprintf(stderr, "demo_catalog: \"%s\" (%s) fits no noun\n", sl[k][l], sub->name);
				rc = -1;
			}
		}
	return rc;
}

/* The word lists and demo_fits agree: every rule names a scope, a line and
 * nouns that exist, every line suits some noun, and every noun has a use, a
 * detail and a care line. Prints what is wrong; returns 0 or -1. */
static int
demo_fits_check(void)
{
	int rc = 0;

	for (size_t i = 0; i < sizeof demo_fits / sizeof demo_fits[0]; i++) {
		if (demo_fit_rule_check(i) != 0)
			rc = -1;
		if (demo_fit_nouns_check(i) != 0)
			rc = -1;
	}
	for (unsigned t = 0; t < DEMO_NTOP; t++)
		for (unsigned sb = 0; sb < demo_nsubs(&demo_tree[t]); sb++)
			if (demo_sub_lines_check(&demo_tree[t], &demo_tree[t].subs[sb]) != 0)
				rc = -1;
	return rc;
}

/* Per-sub-category: its ids and the vendors selling there. */
struct demo_place {
	unsigned top, sub;
	long long top_id, sub_id;
	unsigned vendors[DEMO_NVENDOR];
	unsigned nvendors;
};

/* A picture as the media pipeline stored it. */
struct demo_stored {
	long long media_id;		/* 0: not needed, or not stored yet */
	int width, height;		/* of the 600 size */
	char path[MEDIA_PATH_MAX];
};

struct demo {
	uint64_t seed;
	long long nproducts;
	const char *media;
	unsigned jobs;			/* processes storing pictures */
	unsigned variants;		/* colour variants per product type */
	struct demo_stored *stored;	/* [picture * variants + variant] */
	struct demo_place places[DEMO_NTOP * DEMO_SUBS_MAX];
	unsigned nplaces;
	long long top_ids[DEMO_NTOP];
	unsigned top_weight_total;
	/* what the promotions need to know about each product (index id - 1) */
	unsigned char *place_of;
	unsigned char *vendor_of;
	unsigned char *promotable;
	/* what the plan history needs to know about each vendor */
	int plan_of[DEMO_NVENDOR];	/* the plan its promotions were bought on */
};

static int
demo_sells(const char *list, const char *name)
{
	size_t len = strlen(name);
	const char *p = list;

	while (*p) {
		const char *end = strchr(p, ';');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n == len && memcmp(p, name, n) == 0)
			return 1;
		if (!end)
			break;
		p = end + 1;
	}
	return 0;
}

/* Lays out category ids (top-level 1..T, then sub-categories in tree order,
 * those added later last) and checks the static data: unique slugs, a
 * vendor in every sub-category, added sub-categories after the first ones. */
static int
demo_plan_tree(struct demo *d)
{
	long long next_id = DEMO_NTOP + 1;
	char slugs[DEMO_NTOP * (DEMO_SUBS_MAX + 1)][CATALOG_SLUG_MAX + 1];
	unsigned nslugs = 0, t, s, v, i, pass;

	for (t = 0; t < DEMO_NTOP; t++) {
		d->top_ids[t] = t + 1;
		d->top_weight_total += demo_tree[t].weight;
		catalog_slugify(demo_tree[t].name, slugs[nslugs++], sizeof slugs[0]);
		for (s = 1; s < demo_nsubs(&demo_tree[t]); s++)
			if (demo_sub_added(&demo_tree[t].subs[s - 1]) && !demo_sub_added(&demo_tree[t].subs[s])) {
				fprintf(stderr, "demo_catalog: %s comes after one added later\n",
					demo_tree[t].subs[s].name);
				return -1;
			}
	}
	/* The places and ids of the first sub-categories stay what they were
	 * before any was added. */
	for (pass = 0; pass < 2; pass++) {
		for (t = 0; t < DEMO_NTOP; t++) {
			for (s = 0; s < demo_nsubs(&demo_tree[t]); s++) {
				struct demo_place *p;
				const struct demo_sub *sub = &demo_tree[t].subs[s];

				if ((unsigned)demo_sub_added(sub) != pass)
					continue;
				p = &d->places[d->nplaces++];
				p->top = t;
				p->sub = s;
				p->top_id = d->top_ids[t];
				p->sub_id = next_id++;
				for (v = 0; v < DEMO_NVENDOR; v++)
					if (demo_sells(demo_vendors[v].sells, demo_tree[t].name) ||
					    demo_sells(demo_vendors[v].sells, sub->name))
						p->vendors[p->nvendors++] = v;
				if (p->nvendors == 0) {
					fprintf(stderr, "demo_catalog: nobody sells %s\n", sub->name);
					return -1;
				}
				if (demo_count(sub->nouns) == 0 || demo_count(sub->qualities) == 0 ||
				    demo_count(sub->variants) == 0 || demo_count(sub->uses) == 0 ||
				    demo_count(sub->details) < 2) {
					fprintf(stderr, "demo_catalog: word lists of %s incomplete\n", sub->name);
					return -1;
				}
				catalog_slugify(sub->name, slugs[nslugs++], sizeof slugs[0]);
			}
		}
	}
	for (i = 0; i < nslugs; i++)
		for (s = i + 1; s < nslugs; s++)
			if (strcmp(slugs[i], slugs[s]) == 0) {
				fprintf(stderr, "demo_catalog: duplicate slug %s\n", slugs[i]);
				return -1;
			}
	return 0;
}

/* The first draws of a product's stream: where it is filed and who sells it. */
static void
demo_draw_place(struct demo *d, struct demo_rng *r, long long id, unsigned *place, unsigned *vendor)
{
	unsigned w = demo_below(r, d->top_weight_total), t = 0, s, total = 0, added = 0, i;
	const struct demo_place *p;

	while (w >= (unsigned)demo_tree[t].weight) {
		w -= demo_tree[t].weight;
		t++;
	}
	for (s = 0; s < demo_nsubs(&demo_tree[t]); s++)
		if (!demo_sub_added(&demo_tree[t].subs[s]))
			total += demo_tree[t].subs[s].weight;
		else
			added += demo_tree[t].subs[s].weight;
	w = demo_below(r, total);
	for (s = 0; w >= (unsigned)demo_tree[t].subs[s].weight; s++)
		w -= demo_tree[t].subs[s].weight;
	/* A product may move to a sub-category added later, decided by a
	 * stream of its own: every other product stays what it was. */
	if (added > 0) {
		struct demo_rng moved;

		demo_seed(&moved, d->seed ^ 0xADDEDULL, id);
		w = demo_below(&moved, total + added);
		if (w >= total) {
			w -= total;
			for (s = 0; !demo_sub_added(&demo_tree[t].subs[s]); s++)
				;
			for (; w >= (unsigned)demo_tree[t].subs[s].weight; s++)
				w -= demo_tree[t].subs[s].weight;
		}
	}
	for (i = 0; i < d->nplaces; i++)
		if (d->places[i].top == t && d->places[i].sub == s)
			break;
	p = &d->places[i];
	*place = i;
	*vendor = p->vendors[demo_below(r, p->nvendors)];
}

/* ---- output helpers ----------------------------------------------------- */

/* Appends s as a quoted SQL string literal. */
static void
demo_sql_string(struct buf *b, const char *s)
{
	buf_addc(b, '\'');
	for (; *s; s++) {
		switch (*s) {
		case '\'': buf_adds(b, "''"); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\032': buf_adds(b, "\\Z"); break;
		default: buf_addc(b, *s); break;
		}
	}
	buf_addc(b, '\'');
}

static void
demo_flush(struct buf *b)
{
	if (b->len && fwrite(b->data, 1, b->len, stdout) != b->len) {
		perror("demo_catalog: stdout");
		exit(1);
	}
	buf_reset(b);
}

/* Ends one multi-row INSERT and writes it out. */
static void
demo_end_insert(struct buf *b)
{
	if (b->len) {
		buf_adds(b, ";\n");
		demo_flush(b);
	}
}

/* Starts a row: the INSERT header for the first row of a batch, else ",\n". */
static void
demo_row(struct buf *b, const char *header, long long *rows)
{
	if (*rows % DEMO_ROWS_PER_INSERT == 0) {
		demo_end_insert(b);
		buf_adds(b, header);
		buf_adds(b, "\n");
	} else {
		buf_adds(b, ",\n");
	}
	(*rows)++;
}

/* Appends s with each word in lower case, except acronyms and codes: a word
 * with two capitals in a row or a capital after a small letter ("USB-C",
 * "GaN") is kept as it is. */
static void
demo_lower_words(struct buf *b, const char *s)
{
	while (*s) {
		const char *end = s, *p;
		int keep = 0;

		while (*end && *end != ' ')
			end++;
		for (p = s + 1; p < end; p++)
			if (*p >= 'A' && *p <= 'Z' &&
			    ((p[-1] >= 'A' && p[-1] <= 'Z') || (p[-1] >= 'a' && p[-1] <= 'z')))
				keep = 1;
		for (p = s; p < end; p++)
			buf_addc(b, (!keep && *p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p);
		s = end;
		if (*s == ' ')
			buf_addc(b, *s++);
	}
}

/* HSL (h in degrees, s and l in percent) as #rrggbb. */
static void
demo_hex_colour(char out[8], int h, int s, int l)
{
	double hh = ((h % 360) + 360) % 360 / 60.0;
	double ss = s / 100.0, ll = l / 100.0;
	double c = (1 - (2 * ll - 1 < 0 ? 1 - 2 * ll : 2 * ll - 1)) * ss;
	double hmod = hh - 2 * (int)(hh / 2);
	double x = c * (1 - (hmod - 1 < 0 ? 1 - hmod : hmod - 1));
	double m = ll - c / 2, rgb[3];

	switch ((int)hh) {
	case 0: rgb[0] = c, rgb[1] = x, rgb[2] = 0; break;
	case 1: rgb[0] = x, rgb[1] = c, rgb[2] = 0; break;
	case 2: rgb[0] = 0, rgb[1] = c, rgb[2] = x; break;
	case 3: rgb[0] = 0, rgb[1] = x, rgb[2] = c; break;
	case 4: rgb[0] = x, rgb[1] = 0, rgb[2] = c; break;
	default: rgb[0] = c, rgb[1] = 0, rgb[2] = x; break;
	}
	snprintf(out, 8, "#%02x%02x%02x", (int)((rgb[0] + m) * 255 + 0.5),
		 (int)((rgb[1] + m) * 255 + 0.5), (int)((rgb[2] + m) * 255 + 0.5));
}

/* ---- pictures ------------------------------------------------------------ */

/* Colour variants per product type: the catalogue draws each (type, variant)
 * once and points every product of that type and variant at it. */
#define DEMO_PICTURE_VARIANTS	2
#define DEMO_PICTURE_PX		1200

static const struct demo_picture *
demo_picture_for(const char *noun)
{
	size_t i;

	for (i = 0; i < DEMO_NPICTURES; i++)
		if (strcmp(demo_pictures[i].noun, noun) == 0)
			return &demo_pictures[i];
	return NULL;
}

/* The top category a drawing's noun belongs to (its colours). */
static unsigned
demo_picture_top(size_t picture)
{
	unsigned t, s, n;

	for (t = 0; t < DEMO_NTOP; t++)
		for (s = 0; s < demo_nsubs(&demo_tree[t]); s++)
			for (n = 0; n < demo_count(demo_tree[t].subs[s].nouns); n++)
				if (strcmp(demo_tree[t].subs[s].nouns[n], demo_pictures[picture].noun) == 0)
					return t;
	return 0;
}

/* Every noun has a drawing and every drawing a noun. */
static int
demo_pictures_check(void)
{
	unsigned t, s, n, nouns = 0;

	for (t = 0; t < DEMO_NTOP; t++)
		for (s = 0; s < demo_nsubs(&demo_tree[t]); s++)
			for (n = 0; n < demo_count(demo_tree[t].subs[s].nouns); n++, nouns++)
				if (!demo_picture_for(demo_tree[t].subs[s].nouns[n])) {
					fprintf(stderr, "demo_catalog: no picture of %s\n",
						demo_tree[t].subs[s].nouns[n]);
					return -1;
				}
	if (nouns != DEMO_NPICTURES) {
		fprintf(stderr, "demo_catalog: %zu pictures for %u product types\n",
			(size_t)DEMO_NPICTURES, nouns);
		return -1;
	}
	return 0;
}

/* The picture of one product type in one colour variant, as SVG: a soft
 * backdrop in the category's colours, a shadow, the type's drawing. */
static void
demo_picture_svg(struct buf *svg, const struct demo_picture *pic, int hue, unsigned variant)
{
	static const int shift[DEMO_PICTURE_VARIANTS] = { 0, 165 };
	int mh = hue + shift[variant % DEMO_PICTURE_VARIANTS];
	char m[8], l[8], d[8], a[8], bg1[8], bg2[8];

	demo_hex_colour(m, mh, 55, 50);
	demo_hex_colour(l, mh, 60, 82);
	demo_hex_colour(d, mh, 28, 22);
	demo_hex_colour(a, mh + 45, 70, 56);
	demo_hex_colour(bg1, hue + 10 * (int)variant, 40, 96);
	demo_hex_colour(bg2, hue + 10 * (int)variant, 32, 84);
	buf_reset(svg);
	buf_printf(svg,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 600\" width=\"%d\" height=\"%d\">"
		"<style>.m{fill:%s}.l{fill:%s}.d{fill:%s}.a{fill:%s}.n{fill:#aeb4bc}.w{fill:#fbfaf6}"
		".s,.t,.u,.z,.v,.o{fill:none;stroke-linecap:round;stroke-linejoin:round}"
		".s{stroke:%s;stroke-width:12}.t{stroke:%s;stroke-width:18}.u{stroke:#9aa1aa;stroke-width:12}"
		".z{stroke:%s;stroke-width:10}.v{stroke:%s;stroke-width:10}"
		".o{stroke:%s;stroke-width:9;stroke-dasharray:0 22}"
		"line.w,line.d{stroke-width:8;stroke-linecap:round}line.w{stroke:#fbfaf6}line.d{stroke:%s}</style>"
		"<defs><linearGradient id=\"g\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\">"
		"<stop offset=\"0\" stop-color=\"%s\"/><stop offset=\"1\" stop-color=\"%s\"/></linearGradient></defs>"
		"<rect width=\"600\" height=\"600\" fill=\"url(#g)\"/>"
		"<ellipse cx=\"300\" cy=\"508\" rx=\"200\" ry=\"22\" fill=\"%s\" opacity=\".18\"/>"
		"<g transform=\"translate(-15 -22) scale(1.05)\">%s</g></svg>",
		DEMO_PICTURE_PX, DEMO_PICTURE_PX, m, l, d, a, d, m, a, l, d, d, bg1, bg2, d, pic->svg);
}

/* Rasterises trusted SVG (the drawings above, never an upload) to a PNG file. */
static int
demo_picture_png(const struct buf *svg, const char *path)
{
	GError *err = NULL;
	RsvgHandle *h = rsvg_handle_new_from_data((const guint8 *)svg->data, svg->len, &err);
	RsvgRectangle vp = { 0, 0, DEMO_PICTURE_PX, DEMO_PICTURE_PX };
	cairo_surface_t *s;
	cairo_t *cr;
	int rc = 0;

	if (!h) {
		fprintf(stderr, "demo_catalog: picture: %s\n", err ? err->message : "bad SVG");
		g_clear_error(&err);
		return -1;
	}
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, DEMO_PICTURE_PX, DEMO_PICTURE_PX);
	cr = cairo_create(s);
	if (!rsvg_handle_render_document(h, cr, &vp, &err)) {
		fprintf(stderr, "demo_catalog: picture: %s\n", err ? err->message : "cannot draw");
		g_clear_error(&err);
		rc = -1;
	}
	cairo_destroy(cr);
	if (rc == 0 && cairo_surface_write_to_png(s, path) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "demo_catalog: %s: cannot write\n", path);
		rc = -1;
	}
	cairo_surface_destroy(s);
	g_object_unref(h);
	return rc;
}

/* --pictures DIR: every drawing in every colour variant as DIR/<slug>-<v>.png,
 * to look at the drawings without loading a catalogue. */
static int
demo_pictures_write(const char *dir)
{
	struct buf svg;
	char slug[CATALOG_SLUG_MAX + 1], path[PATH_MAX];
	unsigned t, s, n, v;
	int rc = 0;

	buf_init(&svg);
	for (t = 0; t < DEMO_NTOP && rc == 0; t++)
		for (s = 0; s < demo_nsubs(&demo_tree[t]) && rc == 0; s++)
			for (n = 0; n < demo_count(demo_tree[t].subs[s].nouns) && rc == 0; n++)
				for (v = 0; v < DEMO_PICTURE_VARIANTS && rc == 0; v++) {
					const char *noun = demo_tree[t].subs[s].nouns[n];

					catalog_slugify(noun, slug, sizeof slug);
					snprintf(path, sizeof path, "%s/%02u-%02u-%s-%u.png", dir, t, s, slug, v);
					demo_picture_svg(&svg, demo_picture_for(noun), demo_tree[t].hue, v);
					rc = demo_picture_png(&svg, path);
				}
	buf_free(&svg);
	return rc;
}

/* ---- one product -------------------------------------------------------- */

struct demo_product {
	unsigned place, vendor;
	char name[240];
	char slug[CATALOG_SLUG_MAX + 1];
	const char *noun;
	struct buf description;
	long long price, compare_at;	/* compare_at 0 = none */
	long long stock;
	const char *status;
	long long created_ago, updated_ago;	/* seconds before @now */
	long long popularity;		/* the default sort's rank */
	unsigned picture;		/* index into d->stored */
};

/* A shop price: log-uniform between lo and hi, ending in .99, .49 or .00. */
static long long
demo_price(struct demo_rng *r, long long lo, long long hi)
{
	double p = (double)lo;
	unsigned steps = 0, k;
	long long units, price;

	while (p < (double)hi) {
		p *= 1.03;
		steps++;
	}
	k = demo_below(r, steps + 1);
	for (p = (double)lo; k > 0; k--)
		p *= 1.03;
	units = (long long)(p / 100.0 + 0.5);
	if (units >= 100)
		units = (units + 4) / 5 * 5;	/* 100+: whole fives */
	if (units < 1)
		units = 1;
	switch (demo_below(r, 10)) {
	case 0: case 1:
		price = units * 100;
		break;
	case 2:
		price = units * 100 - 51;
		break;
	default:
		price = units * 100 - 1;
		break;
	}
	return price > 0 ? price : 99;
}

static void
demo_product_draw(struct demo *d, long long id, struct demo_product *p)
{
	struct demo_rng r;
	const struct demo_place *pl;
	const struct demo_top *top;
	const struct demo_sub *sub;
	const struct demo_vendor *v;
	const char *brand = NULL, *adj = NULL, *quality = NULL, *variant = NULL;
	const char *first, *second, *use;
	unsigned u;
	int n, sentences;

	demo_seed(&r, d->seed, (uint64_t)id);
	demo_draw_place(d, &r, id, &p->place, &p->vendor);
	pl = &d->places[p->place];
	top = &demo_tree[pl->top];
	sub = &top->subs[pl->sub];
	v = &demo_vendors[p->vendor];

	/* Name: [Brand] [Adjective] [Quality] Noun[, Variant]. The noun comes
	 * first: every other word is one that suits it (demo_fits). */
	p->noun = demo_pick(&r, sub->nouns);
	if (demo_chance(&r, 550))
		brand = v->brands[demo_below(&r, 3)];
	if (demo_chance(&r, 650))
		adj = demo_pick_for(&r, top->adjectives, top->name, p->noun, NULL);
	if (demo_chance(&r, 850))
		quality = demo_pick_for(&r, sub->qualities, sub->name, p->noun, NULL);
	/* "Little Oak Oak Train Set" reads badly: the brand already says it. */
	if (brand && quality && strstr(brand, quality))
		quality = NULL;
	if (demo_chance(&r, 550))
		variant = demo_pick_for(&r, sub->variants, sub->name, p->noun, NULL);
	n = snprintf(p->name, sizeof p->name, "%s%s%s%s%s%s%s%s",
		     brand ? brand : "", brand ? " " : "",
		     adj ? adj : "", adj ? " " : "",
		     quality ? quality : "", quality ? " " : "",
		     p->noun, "");
	if (variant && n > 0 && (size_t)n < sizeof p->name)
		snprintf(p->name + n, sizeof p->name - (size_t)n, ", %s", variant);
	catalog_slugify(p->name, p->slug, sizeof p->slug);

	/* Description: an opening, two details, maybe the option, care, maybe a
	 * closing; each line one that suits the noun (demo_fits_check makes sure
	 * there is always one). */
	use = demo_pick_for(&r, sub->uses, sub->name, p->noun, NULL);
	buf_reset(&p->description);
	switch (demo_below(&r, 3)) {
	case 0: {
		buf_addc(&p->description, (char)(use[0] - 'a' + 'A'));
		buf_adds(&p->description, use + 1);
		buf_adds(&p->description, ".");
		break;
	}
	case 1:
		buf_adds(&p->description, "Our ");
		demo_lower_words(&p->description, adj ? adj : (quality ? quality : p->noun));
		if (adj || quality) {
			buf_addc(&p->description, ' ');
			demo_lower_words(&p->description, p->noun);
		}
		buf_adds(&p->description, ", ");
		buf_adds(&p->description, use);
		buf_adds(&p->description, ".");
		break;
	default:
		buf_printf(&p->description, "From %s: ", brand ? brand : v->trading_name);
		if (quality) {
			demo_lower_words(&p->description, quality);
			buf_addc(&p->description, ' ');
		}
		demo_lower_words(&p->description, p->noun);
		buf_adds(&p->description, ", ");
		buf_adds(&p->description, use);
		buf_adds(&p->description, ".");
		break;
	}
	first = demo_pick_for(&r, sub->details, sub->name, p->noun, NULL);
	second = demo_pick_for(&r, sub->details, sub->name, p->noun, first);
	sentences = 1 + (int)demo_below(&r, 2);
	buf_printf(&p->description, " %s", first);
	if (sentences > 1 && second)
		buf_printf(&p->description, " %s", second);
	if (variant)
		buf_printf(&p->description, " This listing is for: %s.", variant);
	buf_printf(&p->description, " %s", demo_pick_for(&r, top->care, top->name, p->noun, NULL));
	if (demo_chance(&r, 400)) {
		buf_addc(&p->description, ' ');
		buf_printf(&p->description,
			   demo_closings[demo_below(&r, sizeof demo_closings / sizeof demo_closings[0])],
			   v->trading_name);
	}

	p->price = demo_price(&r, sub->price_lo, sub->price_hi);
	p->compare_at = 0;
	if (demo_chance(&r, 140)) {
		long long was = p->price * (110 + demo_range(&r, 0, 40)) / 100;

		p->compare_at = (was / 100 + 1) * 100 - 1;
		if (p->compare_at <= p->price)
			p->compare_at = p->price + 500;
	}

	u = demo_below(&r, 1000);
	if (u < 80)
		p->stock = 0;
	else if (u < 140)
		p->stock = demo_range(&r, 1, 5);
	else if (u < 700)
		p->stock = demo_range(&r, 6, 60);
	else
		p->stock = demo_range(&r, 61, 400);

	u = demo_below(&r, 1000);
	p->status = u < 8 ? "draft" : u < 20 ? "hidden" : u < 24 ? "removed" : "active";

	/* Newer listings are a little more common than old ones. */
	{
		long long a = demo_range(&r, 0, 365LL * 86400), b = demo_range(&r, 0, 365LL * 86400);

		p->created_ago = a < b ? a : b;
		if (demo_chance(&r, 500))
			p->created_ago = a;
		p->updated_ago = p->created_ago - demo_range(&r, 0, p->created_ago / 2);
	}

	/* The default sort's rank is heavy-tailed (u^4): a few products lead.
	 * The shop has had no orders and no reviews, so the demo invents no
	 * sales figures and no ratings. */
	{
		long long x = demo_range(&r, 0, 9999);

		p->popularity = x * x / 10000 * x / 10000 * x / 10000;
	}

	/* Its picture: its type's drawing in one of the colour variants (from
	 * a stream of its own, so the rest of the catalogue stays the same). */
	demo_seed(&r, d->seed ^ 0x5EEDULL, (uint64_t)id);
	p->picture = (unsigned)(demo_picture_for(p->noun) - demo_pictures) * d->variants +
		     demo_below(&r, d->variants);
}

/* mkdir -p */
static int
demo_mkdir(const char *path)
{
	char tmp[PATH_MAX];
	size_t i, len = strlen(path);

	if (len == 0 || len >= sizeof tmp) {
		fprintf(stderr, "demo_catalog: bad directory name\n");
		return -1;
	}
	memcpy(tmp, path, len + 1);
	for (i = 1; i <= len; i++) {
		if (tmp[i] != '/' && tmp[i] != '\0')
			continue;
		tmp[i] = '\0';
		if (mkdir(tmp, 0755) != 0 && errno != EEXIST) {
			fprintf(stderr, "demo_catalog: mkdir %s: %s\n", tmp, strerror(errno));
			return -1;
		}
		tmp[i] = path[i];
	}
	return 0;
}


/* ---- storing the pictures through the media pipeline --------------------- */

/* One worker's share: the needed pictures i with i % jobs == k, each drawn,
 * rasterised to a temporary PNG and stored with media_store_file() exactly
 * as an upload is (checked, decoded, three sizes in WebP and JPEG, a media
 * row). Writes a struct demo_stored per picture to fd, index first. */
static int
demo_store_share(struct demo *d, unsigned k, int fd)
{
	struct buf svg;
	char png[PATH_MAX];
	size_t i, n = DEMO_NPICTURES * d->variants;
	int rc = 0;

	log_init("bazaar-demo_catalog");
	if (cfg_load() != 0 || db_connect() != 0 || media_init() != 0) {
		fprintf(stderr, "demo_catalog: cannot store pictures (settings, database or libvips): %s\n",
			db_error());
		return -1;
	}
	buf_init(&svg);
	for (i = k; i < n && rc == 0; i += d->jobs) {
		struct media_image img;
		struct demo_stored st;
		const char *why = NULL;
		int tmp;

		if (!d->stored[i].media_id)
			continue;
		demo_picture_svg(&svg, &demo_pictures[i / d->variants],
				 demo_tree[demo_picture_top(i / d->variants)].hue, (unsigned)(i % d->variants));
		snprintf(png, sizeof png, "%s/.demo-picture-XXXXXX.png", d->media);
		tmp = mkstemps(png, 4);
		if (tmp < 0) {
			fprintf(stderr, "demo_catalog: %s: %s\n", png, strerror(errno));
			rc = -1;
			break;
		}
		close(tmp);
		rc = demo_picture_png(&svg, png);
		if (rc == 0 && media_store_file(png, &img, &why) != 0) {
			fprintf(stderr, "demo_catalog: the media pipeline refused the picture of %s: %s\n",
				demo_pictures[i / d->variants].noun, why ? why : "server error");
			rc = -1;
		}
		unlink(png);
		if (rc != 0)
			break;
		memset(&st, 0, sizeof st);
		st.media_id = img.id;
		media_size_dims(img.width, img.height, 600, &st.width, &st.height);
		snprintf(st.path, sizeof st.path, "%s", img.path);
		if (write(fd, &i, sizeof i) != (ssize_t)sizeof i || write(fd, &st, sizeof st) != (ssize_t)sizeof st) {
			perror("demo_catalog: pipe");
			rc = -1;
		}
	}
	buf_free(&svg);
	db_close();
	return rc;
}

/* Stores every picture some product uses (d->stored[i].media_id set to 1 by
 * the caller) with d->jobs processes, and fills in what the pipeline said. */
static int
demo_store_pictures(struct demo *d)
{
	pid_t pids[16];
	int fds[16], rc = 0;
	unsigned k, done = 0;

	for (k = 0; k < d->jobs; k++) {
		int pfd[2];

		if (pipe(pfd) != 0) {
			perror("demo_catalog: pipe");
			return -1;
		}
		fflush(stdout);
		pids[k] = fork();
		if (pids[k] < 0) {
			perror("demo_catalog: fork");
			return -1;
		}
		if (pids[k] == 0) {
			close(pfd[0]);
			_exit(demo_store_share(d, k, pfd[1]) == 0 ? 0 : 1);
		}
		close(pfd[1]);
		fds[k] = pfd[0];
	}
	for (k = 0; k < d->jobs; k++) {
		size_t i;
		struct demo_stored st;
		int status;

		while (read(fds[k], &i, sizeof i) == (ssize_t)sizeof i &&
		       read(fds[k], &st, sizeof st) == (ssize_t)sizeof st &&
		       i < DEMO_NPICTURES * d->variants) {
			d->stored[i] = st;
			done++;
		}
		close(fds[k]);
		if (waitpid(pids[k], &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			rc = -1;
	}
	if (rc == 0)
		for (k = 0; k < DEMO_NPICTURES * d->variants; k++)
			if (d->stored[k].media_id && !d->stored[k].path[0])
				rc = -1;
	if (rc != 0)
		fprintf(stderr, "demo_catalog: storing the pictures failed\n");
	else
		fprintf(stderr, "demo_catalog: %u pictures stored through the media pipeline\n", done);
	return rc;
}

/* Which pictures the catalogue's products use. */
static int
demo_plan_pictures(struct demo *d)
{
	struct demo_product p;
	long long id;

	d->stored = calloc(DEMO_NPICTURES * d->variants, sizeof *d->stored);
	if (!d->stored)
		abort();
	memset(&p, 0, sizeof p);
	buf_init(&p.description);
	for (id = 1; id <= d->nproducts; id++) {
		demo_product_draw(d, id, &p);
		d->stored[p.picture].media_id = 1;
	}
	buf_free(&p.description);
	return demo_store_pictures(d);
}

/* ---- the SQL sections --------------------------------------------------- */

/* The plans and their terms (schema 0010): commission with a minimum and a
 * maximum per item, a listing limit, the daily rate of a promotion, the
 * monthly fee. */
static const struct {
	const char *name;
	int commission_bp;
	long long commission_min, commission_max;	/* 0: none */
	long long listing_limit;			/* 0: unlimited */
	long long promotion_daily_rate, monthly_fee;
} demo_plans[] = {
	{ "Starter", 1500, 50, 0, 50, 300, 0 },
	{ "Professional", 1200, 30, 5000, 1000, 250, 2900 },
	{ "Enterprise", 900, 0, 2500, 0, 200, 19900 },
};
#define DEMO_NPLANS (sizeof demo_plans / sizeof demo_plans[0])

static void
demo_emit_plans(struct buf *b)
{
	long long rows = 0;
	unsigned i;

	for (i = 0; i < DEMO_NPLANS; i++) {
		demo_row(b, "INSERT INTO plans (id, name, commission_bp, commission_min_minor, commission_max_minor, "
			 "listing_limit, promotion_daily_rate_minor, monthly_fee_minor, created_at, updated_at) VALUES",
			 &rows);
		buf_printf(b, "(%u, '%s', %d, ", i + 1, demo_plans[i].name, demo_plans[i].commission_bp);
		if (demo_plans[i].commission_min)
			buf_printf(b, "%lld, ", demo_plans[i].commission_min);
		else
			buf_adds(b, "NULL, ");
		if (demo_plans[i].commission_max)
			buf_printf(b, "%lld, ", demo_plans[i].commission_max);
		else
			buf_adds(b, "NULL, ");
		if (demo_plans[i].listing_limit)
			buf_printf(b, "%lld, ", demo_plans[i].listing_limit);
		else
			buf_adds(b, "NULL, ");
		buf_printf(b, "%lld, %lld, @now - INTERVAL 800 DAY, @now - INTERVAL 800 DAY)",
			   demo_plans[i].promotion_daily_rate, demo_plans[i].monthly_fee);
	}
	demo_end_insert(b);
}

/* The smallest plan (its id) whose listing limit holds n listings. */
static int
demo_plan_for(long long n)
{
	unsigned i;

	for (i = 0; i + 1 < DEMO_NPLANS; i++)
		if (demo_plans[i].listing_limit == 0 || demo_plans[i].listing_limit >= n)
			break;
	return (int)i + 1;
}

static void
demo_emit_vendors(struct demo *d, struct buf *b)
{
	long long counts[DEMO_NVENDOR] = { 0 }, id, rows = 0;
	unsigned v, place, vendor;

	/* A first pass over the products' first draws: each shop signed up on
	 * Starter, and bazaar-demo_history moves it, through the plan module,
	 * to the smallest plan whose limit holds its listings (demo_plan_for). */
	for (id = 1; id <= d->nproducts; id++) {
		struct demo_rng r;

		demo_seed(&r, d->seed, (uint64_t)id);
		demo_draw_place(d, &r, id, &place, &vendor);
		counts[vendor]++;
	}
	for (v = 0; v < DEMO_NVENDOR; v++) {
		const struct demo_vendor *dv = &demo_vendors[v];
		long long age = 420 + 37LL * v;

		d->plan_of[v] = demo_plan_for(counts[v]);

		demo_row(b, "INSERT INTO vendors (id, slug, trading_name, legal_name, description, status, "
			 "plan_id, created_at, updated_at) VALUES", &rows);
		buf_printf(b, "(%u, ", v + 1);
		demo_sql_string(b, dv->slug);
		buf_adds(b, ", ");
		demo_sql_string(b, dv->trading_name);
		buf_adds(b, ", ");
		demo_sql_string(b, dv->legal_name);
		buf_adds(b, ", ");
		demo_sql_string(b, dv->description);
		buf_adds(b, ", ");
		demo_sql_string(b, dv->status);
		buf_adds(b, ", 1");
		buf_printf(b, ", @now - INTERVAL %lld DAY, @now - INTERVAL %lld DAY)", age, age / 3);
	}
	demo_end_insert(b);
}

static void
demo_emit_categories(struct demo *d, struct buf *b)
{
	char slug[CATALOG_SLUG_MAX + 1];
	long long rows = 0;
	unsigned t, i;
	static const char header[] =
		"INSERT INTO categories (id, parent_id, slug, name, description, position, depth, "
		"created_at, updated_at) VALUES";

	for (t = 0; t < DEMO_NTOP; t++) {
		demo_row(b, header, &rows);
		buf_printf(b, "(%lld, NULL, ", d->top_ids[t]);
		demo_sql_string(b, catalog_slugify(demo_tree[t].name, slug, sizeof slug));
		buf_adds(b, ", ");
		demo_sql_string(b, demo_tree[t].name);
		buf_adds(b, ", ");
		demo_sql_string(b, demo_tree[t].description);
		buf_printf(b, ", %u, 0, @now - INTERVAL 800 DAY, @now - INTERVAL 800 DAY)", t + 1);
	}
	for (i = 0; i < d->nplaces; i++) {
		const struct demo_place *p = &d->places[i];
		const struct demo_sub *sub = &demo_tree[p->top].subs[p->sub];

		demo_row(b, header, &rows);
		buf_printf(b, "(%lld, %lld, ", p->sub_id, p->top_id);
		demo_sql_string(b, catalog_slugify(sub->name, slug, sizeof slug));
		buf_adds(b, ", ");
		demo_sql_string(b, sub->name);
		buf_adds(b, ", ");
		demo_sql_string(b, sub->description);
		buf_printf(b, ", %u, 1, @now - INTERVAL 800 DAY, @now - INTERVAL 800 DAY)", p->sub + 1);
	}
	demo_end_insert(b);
}

static int
demo_emit_products(struct demo *d, struct buf *b)
{
	struct buf images;
	struct demo_product p;
	long long id, rows = 0, image_rows = 0;

	buf_init(&images);
	memset(&p, 0, sizeof p);
	buf_init(&p.description);
	for (id = 1; id <= d->nproducts; id++) {
		const struct demo_place *pl;

		demo_product_draw(d, id, &p);
		pl = &d->places[p.place];
		d->place_of[id - 1] = (unsigned char)p.place;
		d->vendor_of[id - 1] = (unsigned char)p.vendor;
		d->promotable[id - 1] = strcmp(p.status, "active") == 0 && p.stock > 0;

		/* Flush both statements at the same boundary, products first. */
		if (rows % DEMO_ROWS_PER_INSERT == 0 && rows > 0) {
			demo_end_insert(b);
			demo_end_insert(&images);
		}
		demo_row(b, "INSERT INTO products (id, vendor_id, category_id, top_category_id, name, slug, "
			 "description, sku, price_minor, compare_at_minor, currency, stock, status, popularity, "
			 "created_at, updated_at) VALUES", &rows);
		buf_printf(b, "(%lld, %u, %lld, %lld, ", id, p.vendor + 1, pl->sub_id, pl->top_id);
		demo_sql_string(b, p.name);
		buf_adds(b, ", ");
		demo_sql_string(b, p.slug);
		buf_adds(b, ", ");
		demo_sql_string(b, p.description.data);
		buf_printf(b, ", '%s-%06lld', %lld, ", demo_vendors[p.vendor].sku_prefix, id, p.price);
		if (p.compare_at)
			buf_printf(b, "%lld", p.compare_at);
		else
			buf_adds(b, "NULL");
		buf_printf(b, ", 'EUR', %lld, '%s', %lld", p.stock, p.status, p.popularity);
		buf_printf(b, ", @now - INTERVAL %lld SECOND, @now - INTERVAL %lld SECOND)",
			   p.created_ago, p.updated_ago);

		/* Its picture, as the media pipeline stored it (--media only). */
		if (d->stored) {
			const struct demo_stored *st = &d->stored[p.picture];

			demo_row(&images, "INSERT INTO product_images (product_id, position, path, media_id, alt, "
				 "width, height, created_at, updated_at) VALUES", &image_rows);
			buf_printf(&images, "(%lld, 1, '%s', %lld, ", id, st->path, st->media_id);
			demo_sql_string(&images, p.name);
			buf_printf(&images, ", %d, %d, @now - INTERVAL %lld SECOND, @now - INTERVAL %lld SECOND)",
				   st->width, st->height, p.created_ago, p.created_ago);
		}
	}
	demo_end_insert(b);
	demo_end_insert(&images);
	buf_free(&images);
	buf_free(&p.description);
	return 0;
}

/* Picks a product that is listed and in stock, not yet promoted; 0 if none. */
static long long
demo_promotable(struct demo *d, struct demo_rng *r, unsigned char *used)
{
	int tries;

	for (tries = 0; tries < 10000 && d->nproducts > 0; tries++) {
		long long id = 1 + (long long)(demo_next(r) % (uint64_t)d->nproducts);

		if (d->promotable[id - 1] && !used[id - 1]) {
			used[id - 1] = 1;
			return id;
		}
	}
	return 0;
}

static void
demo_emit_promotions(struct demo *d, struct buf *b)
{
	/* placement, status, start (hours from @now), length (hours) */
	static const struct {
		const char *placement;
		const char *status;
		int count;
		long long start_lo, start_hi, hours_lo, hours_hi;
	} kinds[] = {
		{ "home", "active", 8, -14 * 24, -1, 21 * 24, 60 * 24 },
		{ "category", "active", 12, -10 * 24, -1, 14 * 24, 45 * 24 },
		{ "search", "active", 2, -5 * 24, -1, 14 * 24, 30 * 24 },
		{ "home", "active", 2, -120 * 24, -60 * 24, 7 * 24, 14 * 24 },	/* over */
		{ "category", "active", 3, -90 * 24, -40 * 24, 7 * 24, 21 * 24 },	/* over */
		{ "category", "cancelled", 1, -20 * 24, -10 * 24, 14 * 24, 30 * 24 },
		{ "home", "active", 2, 3 * 24, 10 * 24, 7 * 24, 14 * 24 },	/* scheduled */
	};
	unsigned char *used = calloc((size_t)d->nproducts + 1, 1);
	struct demo_rng r;
	long long rows = 0, id = 1;
	unsigned k;
	int i;

	if (!used)
		abort();
	demo_seed(&r, d->seed, 0xB00B5ULL);
	for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		for (i = 0; i < kinds[k].count; i++) {
			long long pid = demo_promotable(d, &r, used), start, hours, fee;
			const struct demo_place *pl;
			const char *keyword_noun;
			char keywords[64];

			if (!pid)
				break;
			pl = &d->places[d->place_of[pid - 1]];
			start = demo_range(&r, kinds[k].start_lo, kinds[k].start_hi);
			hours = demo_range(&r, kinds[k].hours_lo, kinds[k].hours_hi);
			/* A draw that once was the fee: kept, so the next picks stay the same. */
			(void)demo_next(&r);
			/* What the shop charges: the plan's daily rate times the days. */
			fee = demo_plans[d->plan_of[d->vendor_of[pid - 1]] - 1].promotion_daily_rate *
			      ((hours + 23) / 24);
			demo_row(b, "INSERT INTO promotions (id, product_id, vendor_id, placement, category_id, "
				 "keywords, starts_at, ends_at, fee_minor, status, created_at, updated_at) VALUES",
				 &rows);
			buf_printf(b, "(%lld, %lld, %u, '%s', ", id++, pid,
				   d->vendor_of[pid - 1] + 1, kinds[k].placement);
			if (strcmp(kinds[k].placement, "category") == 0)
				buf_printf(b, "%lld, NULL", demo_chance(&r, 500) ? pl->top_id : pl->sub_id);
			else if (strcmp(kinds[k].placement, "search") == 0) {
				keyword_noun = demo_tree[pl->top].subs[pl->sub].nouns[0];
				keywords[0] = '\0';
				catalog_slugify(keyword_noun, keywords, sizeof keywords);
				for (char *c = keywords; *c; c++)
					if (*c == '-')
						*c = ' ';
				buf_adds(b, "NULL, ");
				demo_sql_string(b, keywords);
			} else
				buf_adds(b, "NULL, NULL");
			buf_printf(b, ", @now + INTERVAL %lld HOUR, @now + INTERVAL %lld HOUR, %lld, '%s', "
				   "@now + INTERVAL %lld HOUR, @now + INTERVAL %lld HOUR)",
				   start, start + hours, fee, kinds[k].status, start - 48, start - 24);
		}
	}
	demo_end_insert(b);
	free(used);
}


/* ---- main --------------------------------------------------------------- */

static void
demo_usage(FILE *f)
{
	fprintf(f,
		"usage: bazaar-demo_catalog [--products N] [--seed S] [--media DIR [--jobs N]] | --pictures DIR\n"
		"  Writes a demo catalogue as SQL on stdout (load it into an empty catalogue).\n"
		"  --products N  number of products (default 2000)\n"
		"  --seed S      generator seed (default 1); same options, same output\n"
		"  --media DIR   also store the products' pictures through the media pipeline into\n"
		"                DIR (BAZAAR_MEDIA_DIR; needs the database settings in the environment)\n"
		"  --jobs N      processes storing pictures (default 2)\n"
		"  --pictures DIR  only write every drawing in every colour as PNG to DIR, to look at\n");
}

static int
demo_parse_number(const char *s, long long max, long long *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > max)
		return -1;
	*out = v;
	return 0;
}

int
main(int argc, char **argv)
{
	static struct demo d;
	struct buf b;
	long long seed = 1;
	const char *pictures = NULL;
	long long jobs = 2;
	int i, rc;
	static char outbuf[1 << 20];

	d.nproducts = 2000;
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			demo_usage(stdout);
			return 0;
		} else if (strcmp(arg, "--products") == 0 && val) {
			if (demo_parse_number(val, 5000000, &d.nproducts)) {
				fprintf(stderr, "demo_catalog: --products wants 0..5000000\n");
				return 2;
			}
			i++;
		} else if (strcmp(arg, "--seed") == 0 && val) {
			if (demo_parse_number(val, LLONG_MAX, &seed)) {
				fprintf(stderr, "demo_catalog: --seed wants a whole number\n");
				return 2;
			}
			i++;
		} else if (strcmp(arg, "--media") == 0 && val) {
			d.media = val;
			i++;
		} else if (strcmp(arg, "--jobs") == 0 && val) {
			if (demo_parse_number(val, 16, &jobs) || jobs < 1) {
				fprintf(stderr, "demo_catalog: --jobs wants 1..16\n");
				return 2;
			}
			i++;
		} else if (strcmp(arg, "--pictures") == 0 && val) {
			pictures = val;
			i++;
		} else {
			demo_usage(stderr);
			return 2;
		}
	}
	d.seed = (uint64_t)seed;
	if (demo_fits_check() != 0 || demo_pictures_check() != 0 || demo_plan_tree(&d))
		return 1;
	/* A small catalogue (the test stack's) draws one colour per product
	 * type, so that it loads in seconds; a large one two. */
	d.variants = d.nproducts > 5000 ? DEMO_PICTURE_VARIANTS : 1;
	d.jobs = (unsigned)jobs;
	if (pictures) {
		d.variants = DEMO_PICTURE_VARIANTS;
		return demo_mkdir(pictures) || demo_pictures_write(pictures) ? 1 : 0;
	}
	d.place_of = calloc((size_t)d.nproducts + 1, 1);
	d.vendor_of = calloc((size_t)d.nproducts + 1, 1);
	d.promotable = calloc((size_t)d.nproducts + 1, 1);
	if (!d.place_of || !d.vendor_of || !d.promotable)
		abort();

	if (d.media) {
		if (demo_mkdir(d.media) || setenv("BAZAAR_MEDIA_DIR", d.media, 1) != 0 ||
		    demo_plan_pictures(&d) != 0)
			return 1;
	}
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	buf_init(&b);
	buf_printf(&b,
		"-- Bazaar demo catalogue: %lld products, seed %lld.\n"
		"-- Written by bazaar-demo_catalog; load into an empty catalogue.\n"
		"SET NAMES utf8mb4;\n"
		"SET @now = UTC_TIMESTAMP();\n"
		"SET foreign_key_checks = 0;\n"
		"SET unique_checks = 0;\n"
		"START TRANSACTION;\n", d.nproducts, seed);
	demo_flush(&b);
	demo_emit_plans(&b);
	demo_emit_vendors(&d, &b);
	demo_emit_categories(&d, &b);
	rc = demo_emit_products(&d, &b);
	if (rc == 0) {
		demo_emit_promotions(&d, &b);
		buf_adds(&b, "COMMIT;\nSET unique_checks = 1;\nSET foreign_key_checks = 1;\n");
	} else {
		buf_adds(&b, "ROLLBACK;\n");
	}
	demo_flush(&b);
	buf_free(&b);
	free(d.place_of);
	free(d.vendor_of);
	free(d.promotable);
	if (fflush(stdout) != 0) {
		perror("demo_catalog: stdout");
		return 1;
	}
	return rc ? 1 : 0;
}
