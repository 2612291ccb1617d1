/**
 * tempguard's engine. Nothing under {@code io.tempguard.internal} is API: applications use the
 * {@code io.tempguard} package only. Data flows agent &rarr; bridge &rarr; SPI &rarr; registry
 * &rarr; journal; deletions go through {@code fs.SafeDeleter} alone, called by cleanup, sweep and
 * the facade.
 */
package io.tempguard.internal;
