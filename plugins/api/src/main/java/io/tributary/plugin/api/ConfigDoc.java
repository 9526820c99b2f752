package io.tributary.plugin.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents one key of a source's configuration record: put it on each record component. The
 * agent uses it for {@code tributary plugins --config-doc} and for error messages; a test of a
 * plugin can assert that every component has one (see
 * {@link io.tributary.plugin.api.testkit.ConfigDocs#undocumented}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface ConfigDoc {
    /** One line: what the key does, its unit and accepted values. */
    String value();

    /** The default, as written in YAML (e.g. {@code "10s"}, {@code "end"}); empty = required. */
    String defaultValue() default "";
}
