package dev.mtlskit.gateway.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One JSON object per request on the logger {@code mtls.access}: time, listener, client address,
 * identity, protocol, method, path, route, status, bytes in and out, duration and, for refusals,
 * the reason code.
 */
public final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("mtls.access");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AccessLog() {
    }

    /**
     * @param entry built with {@link #entry()}; logged as one line
     */
    public static void log(ObjectNode entry) {
        if (LOG.isInfoEnabled()) {
            LOG.info("{}", entry.toString());
        }
    }

    public static ObjectNode entry() {
        return JSON.createObjectNode();
    }

    public static boolean enabled() {
        return LOG.isInfoEnabled();
    }
}
