package io.dbopt.bench.json;

import java.util.Random;

/**
 * Generated, varied, realistic documents for the JSON benchmarks: e-commerce orders and audit events as JSON, help
 * articles and runbooks as HTML. Each seed gives a different document of the same family (different values, numbers
 * of items, optional fields, free text), close to a target size. Deterministic per seed.
 */
final class Documents {

    private static final String[] FIRST = {"Ana", "Ben", "Chloé", "Dmitri", "Eva", "Farid", "Grace", "Hiro", "Inès",
        "Jon", "Kemal", "Lena", "Marta", "Noor", "Olek", "Priya"};
    private static final String[] LAST = {"Alvarez", "Bauer", "Chen", "Dubois", "Eriksen", "Fischer", "García",
        "Hansen", "Ivanova", "Jensen", "Kowalski", "López", "Müller", "Nakamura", "Okafor", "Petrov"};
    private static final String[] CITIES = {"Lisbon", "Berlin", "Lyon", "Kraków", "Osaka", "Austin", "Porto", "Turin",
        "Gent", "Malmö", "Leeds", "Bilbao"};
    private static final String[] PRODUCTS = {"wireless mouse", "USB-C hub", "standing desk", "desk lamp",
        "noise-cancelling headphones", "mechanical keyboard", "27-inch monitor", "laptop sleeve", "webcam",
        "ergonomic chair", "cable organiser", "external SSD", "docking station", "microphone arm"};
    private static final String[] WORDS = {"service", "restart", "verify", "dashboard", "latency", "replica",
        "backup", "deploy", "rollback", "queue", "worker", "timeout", "certificate", "rotation", "incident", "owner",
        "runbook", "alert", "threshold", "capacity", "migration", "schema", "index", "vacuum", "connection", "pool",
        "tenant", "invoice", "customer", "shipment", "region", "cluster", "snapshot", "retention", "quota"};
    private static final String[] STATUSES = {"pending", "paid", "shipped", "delivered", "returned", "cancelled"};

    private Documents() {
    }

    /** A JSON document of about {@code size} characters: an order, or an audit event every third seed. */
    static String json(int size, long seed) {
        Random r = new Random(seed * 7919 + size);
        return seed % 3 == 0 ? event(size, r, seed) : order(size, r, seed);
    }

    private static String order(int size, Random r, long seed) {
        StringBuilder sb = new StringBuilder(size + 200);
        sb.append("{\"order_id\":\"ORD-").append(100_000 + seed).append("\",\"status\":\"")
                .append(STATUSES[r.nextInt(STATUSES.length)]).append("\",\"created_at\":\"2026-0")
                .append(1 + r.nextInt(9)).append('-').append(10 + r.nextInt(18)).append('T')
                .append(10 + r.nextInt(12)).append(':').append(10 + r.nextInt(49)).append(":00Z\",\"customer\":{")
                .append("\"id\":").append(r.nextInt(90_000)).append(",\"name\":\"").append(name(r))
                .append("\",\"email\":\"").append(FIRST[r.nextInt(FIRST.length)].toLowerCase()).append('.')
                .append(r.nextInt(999)).append("@example.com\",\"tier\":\"").append(r.nextBoolean() ? "gold"
                        : "standard").append("\"},\"shipping\":{\"city\":\"").append(CITIES[r.nextInt(CITIES.length)])
                .append("\",\"postcode\":\"").append(10_000 + r.nextInt(89_999)).append("\",\"method\":\"")
                .append(r.nextBoolean() ? "express" : "ground").append("\"},\"items\":[");
        int i = 0;
        while (sb.length() < size - 120) {
            if (i++ > 0) {
                sb.append(',');
            }
            sb.append("{\"sku\":\"SKU-").append(1000 + r.nextInt(9000)).append("\",\"name\":\"")
                    .append(PRODUCTS[r.nextInt(PRODUCTS.length)]).append("\",\"qty\":").append(1 + r.nextInt(4))
                    .append(",\"unit_price\":").append(r.nextInt(50_000) / 100.0);
            if (r.nextInt(3) == 0) {
                sb.append(",\"gift_note\":\"").append(words(r, 4 + r.nextInt(8))).append('"');
            }
            sb.append('}');
        }
        return sb.append("],\"total\":").append(r.nextInt(500_000) / 100.0).append(",\"currency\":\"EUR\"}")
                .toString();
    }

    private static String event(int size, Random r, long seed) {
        StringBuilder sb = new StringBuilder(size + 200);
        sb.append("{\"event\":\"").append(r.nextBoolean() ? "config.changed" : "user.updated").append("\",\"id\":\"")
                .append(Long.toHexString(r.nextLong())).append("\",\"actor\":{\"user\":\"").append(name(r))
                .append("\",\"ip\":\"10.").append(r.nextInt(255)).append('.').append(r.nextInt(255)).append('.')
                .append(r.nextInt(255)).append("\"},\"changes\":[");
        int i = 0;
        while (sb.length() < size - 60) {
            if (i++ > 0) {
                sb.append(',');
            }
            sb.append("{\"field\":\"").append(WORDS[r.nextInt(WORDS.length)]).append('_')
                    .append(WORDS[r.nextInt(WORDS.length)]).append("\",\"old\":").append(r.nextInt(1000))
                    .append(",\"new\":").append(r.nextInt(1000)).append(",\"reason\":\"").append(words(r, 3
                            + r.nextInt(6))).append("\"}");
        }
        return sb.append("],\"seq\":").append(seed).append('}').toString();
    }

    /** An HTML page of about {@code size} characters: a help article or a runbook. */
    static String html(int size, long seed) {
        Random r = new Random(seed * 104_729 + size);
        StringBuilder sb = new StringBuilder(size + 200);
        String title = (seed % 2 == 0 ? "Runbook: " : "How to ") + words(r, 3 + r.nextInt(3));
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(title)
                .append("</title><link rel=\"stylesheet\" href=\"/assets/docs.css\"></head>\n<body class=\"doc\">")
                .append("<nav class=\"crumbs\"><a href=\"/\">Home</a> &gt; <a href=\"/docs/")
                .append(WORDS[r.nextInt(WORDS.length)]).append("\">").append(WORDS[r.nextInt(WORDS.length)])
                .append("</a></nav>\n<h1>").append(title).append("</h1>\n<p class=\"meta\">Owner: ").append(name(r))
                .append(" · updated 2026-0").append(1 + r.nextInt(9)).append("-1").append(r.nextInt(9))
                .append("</p>\n");
        int step = 1;
        while (sb.length() < size - 60) {
            switch (r.nextInt(4)) {
                case 0 -> sb.append("<h2 id=\"s").append(step).append("\">").append(step).append(". ")
                        .append(words(r, 2 + r.nextInt(4))).append("</h2>\n");
                case 1 -> sb.append("<pre><code>kubectl ").append(WORDS[r.nextInt(WORDS.length)]).append(" --")
                        .append(WORDS[r.nextInt(WORDS.length)]).append('=').append(r.nextInt(100))
                        .append("</code></pre>\n");
                default -> sb.append("<p>").append(words(r, 12 + r.nextInt(20))).append(". See <a href=\"#s")
                        .append(1 + r.nextInt(step)).append("\">step ").append(1 + r.nextInt(step))
                        .append("</a>.</p>\n");
            }
            step++;
        }
        return sb.append("</body></html>\n").toString();
    }

    private static String name(Random r) {
        return FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)];
    }

    private static String words(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(WORDS[r.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }
}
