package dev.mtlskit.gateway.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last {@code capacity} events of one kind, newest first: bounded whatever happens. */
final class Recent<T> {

    private final int capacity;
    private final ArrayDeque<T> events = new ArrayDeque<>();

    Recent(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(T event) {
        if (events.size() == capacity) {
            events.pollLast();
        }
        events.addFirst(event);
    }

    synchronized List<T> newestFirst() {
        return new ArrayList<>(events);
    }
}
