/** The Tributary agent: runs source plugins and ships their events to a Kafka-protocol broker. */
package io.tributary.agent;
