/**
 * The three classes of Paho 1.2.5's package {@code org.eclipse.paho.mqttv5.common.packet.util}, replaced here: Paho
 * decodes every packet it receives through {@link org.eclipse.paho.mqttv5.common.packet.util.CountingInputStream},
 * whose block reads fell back to one call per byte; this one reads blocks as blocks. The package is replaced whole,
 * not that class alone, because Paho's jar is signed: the JVM refuses a package whose classes come from differently
 * signed sources (outside the service's jar, where signatures are stripped, i.e. in tests). The classes here are
 * found first on the class path, and the service's jar leaves Paho's copies out ({@code pom.xml}, shade filter).
 *
 * <p>Upgrading Paho: compare these with its classes of the same names ({@code PahoPatchTest} fails on another
 * version, as a reminder), or drop them once Paho reads blocks itself.
 */
package org.eclipse.paho.mqttv5.common.packet.util;
