package io.tributary.sink.jdbc.internal;

import io.tributary.sink.api.RetriableSinkException;
import io.tributary.sink.api.SinkException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Sorts SQL errors into retriable (connection, deadlock, serialization, resources, shutdown) and fatal. */
final class SqlErrors {
    private SqlErrors() {
    }

    static SinkException classify(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean retriable = e instanceof SQLTransientException || e instanceof SQLRecoverableException
                || state.startsWith("08")      // connection exception
                || state.startsWith("40")      // transaction rollback: deadlock, serialization failure
                || state.startsWith("53")      // insufficient resources (PostgreSQL)
                || state.equals("57P01") || state.equals("57P02") || state.equals("57P03") // admin shutdown, crash, cannot connect now
                || state.equals("HY000") && e.getErrorCode() == 1213; // MariaDB deadlock
        String message = what + ": " + firstLine(e.getMessage()) + (state.isEmpty() ? "" : " (SQLState " + state + ")");
        return retriable ? new RetriableSinkException(message, e) : new SinkException(message, e);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
