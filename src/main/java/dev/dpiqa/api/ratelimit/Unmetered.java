package dev.dpiqa.api.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint outside the per-client request budget: it serves what the instance already holds and costs no
 * scoring, and a page asks for tens of them at once (the reviewer console's queue and its thumbnails).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Unmetered {
}
