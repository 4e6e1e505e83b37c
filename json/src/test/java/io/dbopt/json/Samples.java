package io.dbopt.json;

import java.util.Random;

/** Generated, varied documents for tests: HTML pages and JSON objects of about a given size. */
final class Samples {

    private static final String[] WORDS = {"service", "restart", "verify", "dashboard", "outcome", "check", "deploy",
        "rollback", "incident", "owner", "queue", "latency", "replica", "backup", "schedule", "alert", "runbook",
        "tenant", "invoice", "customer", "shipment", "warehouse", "priority", "status", "review"};

    private Samples() {
    }

    /** An HTML page of about {@code size} characters, different for each seed. */
    static String html(int size, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("<html><head><title>Runbook ").append(seed)
                .append("</title></head><body><h1>Runbook ").append(seed).append("</h1>\n");
        int step = 1;
        while (sb.length() < size - 20) {
            sb.append("<p class=\"step\">Step ").append(step++).append(": ");
            for (int w = 0; w < 8 + r.nextInt(10); w++) {
                sb.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
            }
            sb.append("(ref ").append(Long.toHexString(r.nextLong())).append(")</p>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    /** A JSON object of about {@code size} characters, different for each seed. */
    static String json(int size, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("{\"id\":").append(seed).append(",\"status\":\"")
                .append(r.nextBoolean() ? "active" : "archived").append("\",\"items\":[");
        int i = 0;
        while (sb.length() < size - 40) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"sku\":\"SKU-").append(r.nextInt(100_000)).append("\",\"qty\":").append(1 + r.nextInt(9))
                    .append(",\"price\":").append(r.nextInt(10_000) / 100.0).append(",\"note\":\"")
                    .append(WORDS[r.nextInt(WORDS.length)]).append(' ').append(WORDS[r.nextInt(WORDS.length)])
                    .append("\"}");
            i++;
        }
        return sb.append("],\"total\":").append(i).append('}').toString();
    }
}
