package dev.mtlskit.gateway.admin;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code GET /}: the status for a person, one self-contained HTML page (no script, no outside
 * asset, refreshed every 10 seconds) made from the same data as {@code /status}: certificates with
 * the days they have left (amber under 30, red under 7), rejections by reason over the last hour,
 * the recent rejections with the fix for each, the clients seen and upstream health.
 */
final class StatusPage {

    private static final String STYLE = """
            body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1d1d1f;background:#fafafa}
            h1{font-size:1.4em;margin:0 0 .2em}h2{font-size:1.1em;margin:1.6em 0 .4em}
            table{border-collapse:collapse;width:100%;background:#fff}
            th,td{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
            th{background:#f0f0f0}td.n{text-align:right}
            .ok{color:#1a7f37}.bad{color:#b42318;font-weight:600}
            .warn{background:#fff4ce}.alert{background:#ffe0dc}
            .muted{color:#6e6e73}code{font-size:.95em}
            """;

    private StatusPage() {
    }

    /**
     * @param status {@link StatusJson}'s document
     * @param lastHour rejections of the last hour by listener, then by reason
     */
    static String render(JsonNode status, Map<String, Map<String, Long>> lastHour) {
        StringBuilder html = new StringBuilder(16 * 1024);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"10\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>mtls gateway status</title><style>").append(STYLE).append("</style></head><body>");
        boolean ready = status.path("ready").asBoolean();
        html.append("<h1>mtls gateway</h1><p id=\"readiness\" class=\"").append(ready ? "ok\">Ready" : "bad\">Not ready")
                .append("</p>");
        if (!ready) {
            html.append("<ul>");
            status.path("not_ready").forEach(reason -> html.append("<li>").append(escape(reason.asText())).append("</li>"));
            html.append("</ul>");
        }
        html.append("<p class=\"muted\">").append(escape(seconds(status.path("time").asText())))
                .append(" &middot; refreshed every 10 s &middot; <a href=\"/status\">/status</a> (JSON) &middot; ")
                .append("<a href=\"/metrics\">/metrics</a></p>");
        certificates(html, status);
        rejectionsLastHour(html, lastHour);
        recentRejections(html, status);
        clients(html, status);
        upstreams(html, status);
        return html.append("</body></html>\n").toString();
    }

    private static void certificates(StringBuilder html, JsonNode status) {
        html.append("<h2>Certificates</h2><table id=\"certificates\"><tr><th>Listener</th><th>Kind</th><th>Subject</th>")
                .append("<th>Expires</th><th>Days left</th></tr>");
        for (JsonNode listener : status.path("listeners")) {
            String name = listener.path("name").asText();
            if (listener.has("server_certificate")) {
                certificateRow(html, name, "server", listener.path("server_certificate"));
            }
            for (JsonNode ca : listener.path("client_cas")) {
                certificateRow(html, name, "client CA", ca);
            }
        }
        html.append("</table>");
    }

    private static void certificateRow(StringBuilder html, String listener, String kind, JsonNode certificate) {
        long days = certificate.path("days_left").asLong();
        html.append("<tr class=\"").append(days < 7 ? "alert" : days < 30 ? "warn" : "").append("\"><td>")
                .append(escape(listener)).append("</td><td>").append(kind).append("</td><td>")
                .append(escape(certificate.path("subject").asText())).append("</td><td>")
                .append(escape(certificate.path("not_after").asText())).append("</td><td class=\"n\">").append(days)
                .append("</td></tr>");
    }

    private static void rejectionsLastHour(StringBuilder html, Map<String, Map<String, Long>> lastHour) {
        html.append("<h2>Rejections in the last hour</h2>");
        if (lastHour.values().stream().allMatch(Map::isEmpty)) {
            html.append("<p id=\"rejections-last-hour\" class=\"muted\">None.</p>");
            return;
        }
        html.append("<table id=\"rejections-last-hour\"><tr><th>Listener</th><th>Reason</th><th>Count</th></tr>");
        lastHour.forEach((listener, byReason) -> byReason.forEach((reason, count) -> html.append("<tr><td>")
                .append(escape(listener)).append("</td><td><code>").append(escape(reason)).append("</code></td><td class=\"n\">")
                .append(count).append("</td></tr>")));
        html.append("</table>");
    }

    private static void recentRejections(StringBuilder html, JsonNode status) {
        html.append("<h2>Recent rejections</h2>");
        StringBuilder rows = new StringBuilder();
        for (JsonNode listener : status.path("listeners")) {
            for (JsonNode rejection : listener.path("recent_rejections")) {
                rows.append("<tr><td>").append(escape(seconds(rejection.path("time").asText()))).append("</td><td>")
                        .append(escape(listener.path("name").asText())).append("</td><td>")
                        .append(escape(rejection.path("client").asText())).append("</td><td>")
                        .append(escape(rejection.path("subject").asText("")))
                        .append(rejection.hasNonNull("issuer") ? "<br><span class=\"muted\">issued by "
                                + escape(rejection.path("issuer").asText()) + "</span>" : "")
                        .append("</td><td><code>").append(escape(rejection.path("reason").asText())).append("</code></td><td>")
                        .append(escape(rejection.path("message").asText()))
                        .append(rejection.has("fix") ? "<br><b>Fix:</b> " + escape(rejection.path("fix").asText()) : "")
                        .append("</td></tr>");
            }
        }
        if (rows.length() == 0) {
            html.append("<p id=\"recent-rejections\" class=\"muted\">None.</p>");
            return;
        }
        html.append("<table id=\"recent-rejections\"><tr><th>Time</th><th>Listener</th><th>Client</th>")
                .append("<th>Certificate offered</th><th>Reason</th><th>What happened</th></tr>").append(rows).append("</table>");
    }

    private static void clients(StringBuilder html, JsonNode status) {
        html.append("<h2>Clients seen</h2>");
        if (status.path("clients_seen").isEmpty()) {
            html.append("<p id=\"clients\" class=\"muted\">None yet.</p>");
            return;
        }
        html.append("<table id=\"clients\"><tr><th>Listener</th><th>Subject</th><th>Expires</th><th>Days left</th>")
                .append("<th>Last seen</th></tr>");
        for (JsonNode client : status.path("clients_seen")) {
            long days = client.path("days_left").asLong();
            html.append("<tr class=\"").append(days < 7 ? "alert" : days < 30 ? "warn" : "").append("\"><td>")
                    .append(escape(client.path("listener").asText())).append("</td><td>")
                    .append(escape(client.path("subject").asText())).append("</td><td>")
                    .append(escape(client.path("not_after").asText())).append("</td><td class=\"n\">").append(days)
                    .append("</td><td>").append(escape(seconds(client.path("last_seen").asText()))).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void upstreams(StringBuilder html, JsonNode status) {
        html.append("<h2>Upstreams</h2><table id=\"upstreams\"><tr><th>Name</th><th>URL</th><th>Open</th><th>Idle</th>")
                .append("<th>Recent errors</th></tr>");
        for (JsonNode upstream : status.path("upstreams")) {
            if (upstream.path("name").asText().equals(dev.mtlskit.gateway.config.AdminConfig.NAME)) {
                continue; // this page's own source
            }
            JsonNode errors = upstream.path("recent_errors");
            html.append("<tr><td>").append(escape(upstream.path("name").asText())).append("</td><td>")
                    .append(escape(upstream.path("url").asText())).append("</td><td class=\"n\">")
                    .append(upstream.path("open_connections").asInt()).append("</td><td class=\"n\">")
                    .append(upstream.path("idle_connections").asInt()).append("</td><td>");
            if (errors.isEmpty()) {
                html.append("<span class=\"ok\">none</span>");
            } else {
                JsonNode last = errors.get(0);
                html.append("<span class=\"bad\">").append(errors.size()).append("</span>, last ")
                        .append(escape(seconds(last.path("time").asText()))).append(": <code>").append(escape(last.path("code").asText()))
                        .append("</code> ").append(escape(last.path("explanation").asText()));
            }
            html.append("</td></tr>");
        }
        html.append("</table>");
    }

    /** {@code 2026-12-06T21:28:32.754593583Z} → {@code 2026-12-06T21:28:32Z}: a person reads seconds. */
    private static String seconds(String instant) {
        return instant.replaceFirst("\\.\\d+Z$", "Z");
    }

    /** Text as HTML: every character that could start markup or end an attribute is escaped. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
