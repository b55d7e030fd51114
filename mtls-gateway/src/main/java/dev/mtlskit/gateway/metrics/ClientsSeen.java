package dev.mtlskit.gateway.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last {@code capacity} client certificates seen (by listener and subject), with their expiry:
 * what a platform team alerts on before a partner's certificate breaks. Bounded: a client that
 * makes a new certificate per connection pushes the oldest out, never grows the set.
 */
public final class ClientsSeen {

    /** One client: where it was seen last, and when its certificate expires. */
    public record Client(String listener, String subject, Instant notAfter, Instant lastSeen) {
    }

    private record Key(String listener, String subject) {
    }

    private final int capacity;
    private final Map<Key, Client> clients;

    ClientsSeen(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity " + capacity + " is negative");
        }
        this.capacity = capacity;
        // Access order: seeing a client again makes it the newest.
        this.clients = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Client> eldest) {
                return size() > ClientsSeen.this.capacity;
            }
        };
    }

    synchronized void seen(String listener, String subject, Instant notAfter) {
        if (capacity == 0) {
            return;
        }
        clients.put(new Key(listener, subject), new Client(listener, subject, notAfter, Instant.now()));
    }

    synchronized void forget(String listener) {
        clients.keySet().removeIf(key -> key.listener().equals(listener));
    }

    /** Most recently seen first. */
    synchronized List<Client> snapshot() {
        List<Client> newestFirst = new ArrayList<>(clients.values());
        Collections.reverse(newestFirst);
        return newestFirst;
    }
}
