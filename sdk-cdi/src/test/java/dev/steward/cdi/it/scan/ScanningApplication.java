package dev.steward.cdi.it.scan;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** A JAX-RS application that lists nothing: the runtime scans the WAR, {@code WEB-INF/lib} included. */
@ApplicationPath("api")
public class ScanningApplication extends Application {}
