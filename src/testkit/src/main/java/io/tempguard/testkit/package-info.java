/**
 * The one test kit of core, console, e2e and demo tests: child JVMs (as the current user or, via
 * setpriv, as uid 65534), the JDKs to run them on, and waits with deadlines. Depends on JUnit's
 * API only, so core's tests can use it.
 */
package io.tempguard.testkit;
