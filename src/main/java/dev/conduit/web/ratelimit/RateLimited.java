package dev.conduit.web.ratelimit;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource (or method) that checks credentials or creates accounts: each call also draws on
 * the tight per-client credential bucket ({@code edge.rateLimit.auth*}), on top of the API-wide
 * one. Declared on the resource, so the limit follows the method however its path is spelt.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RateLimited {}
