/**
 * Capture rules: which paths the host creates under a root without {@code createTemp*} are
 * temporary by the operator's word ({@link io.tempguard.internal.capture.CaptureRules}), the
 * allocation-free first check that keeps calls outside the roots cheap
 * ({@link io.tempguard.internal.capture.RootPrefixes}), and the bounded record of what was created
 * under a root and matched no rule ({@link io.tempguard.internal.capture.UncapturedCreations}).
 * Depends on the public value types, {@code fs} and {@code registry}.
 */
package io.tempguard.internal.capture;
