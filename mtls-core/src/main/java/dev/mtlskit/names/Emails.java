package dev.mtlskit.names;

import java.util.Locale;

/** rfc822Name syntax and name-constraint matching (RFC 5280 4.2.1.10: every character is literal). */
public final class Emails {

    private Emails() {
    }

    /** local@domain with exactly one {@code @}, a non-empty local part and a valid domain. */
    public static boolean isValidMailbox(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@')) {
            return false;
        }
        String local = email.substring(0, at);
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>,;:\\\"[]".indexOf(c) >= 0) {
                return false;
            }
        }
        return DnsNames.isValid(email.substring(at + 1), false);
    }

    /** A mailbox within a constraint: a mailbox (exact), a host (all its mailboxes) or {@code .domain} (below it). */
    public static boolean isWithin(String email, String constraint) {
        int at = email.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        String host = email.substring(at + 1).toLowerCase(Locale.ROOT);
        if (constraint.contains("@")) {
            int constraintAt = constraint.lastIndexOf('@');
            return email.substring(0, at).equals(constraint.substring(0, constraintAt))
                    && host.equals(constraint.substring(constraintAt + 1).toLowerCase(Locale.ROOT));
        }
        String domain = constraint.toLowerCase(Locale.ROOT);
        if (domain.startsWith(".")) {
            return host.endsWith(domain);
        }
        return host.equals(domain);
    }
}
