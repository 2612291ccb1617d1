/**
 * What tempguard costs the host, each figure against its baseline from the same run: JMH
 * benchmarks of the intercepted calls and of tracking, and a start-up harness.
 */
package io.tempguard.bench;
