package io.tributary.plugin.api;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An event's attributes when there are few: an unmodifiable, insertion-ordered map over an array of
 * name/value pairs (the builder's, never changed once the event has it). Equal to any map with
 * the same entries. A map per log line was a visible share of the agent's allocation.
 */
final class SmallMap extends AbstractMap<String, String> {
    /** Most attributes kept this way; beyond, the builder uses a LinkedHashMap. */
    static final int MAX = 8;

    private final String[] pairs;
    private final int size;

    SmallMap(String[] pairs, int size) {
        this.pairs = pairs;
        this.size = size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public String get(Object key) {
        for (int i = 0; i < size; i++) {
            if (pairs[2 * i].equals(key)) {
                return pairs[2 * i + 1];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null; // values are never null
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        Objects.requireNonNull(action);
        for (int i = 0; i < size; i++) {
            action.accept(pairs[2 * i], pairs[2 * i + 1]);
        }
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(pairs[2 * i], pairs[2 * i + 1]);
                    }
                };
            }
        };
    }
}
