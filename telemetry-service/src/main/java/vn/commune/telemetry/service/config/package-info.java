/**
 * Reading configuration: {@link vn.commune.telemetry.service.config.ConfigTree} (one YAML file flattened to keys,
 * environment overrides, typed getters whose errors name the key) and
 * {@link vn.commune.telemetry.service.config.ConfigException}. It knows no feature: each feature's settings record
 * lives in its package, and the wiring point ({@code ConfigLoader}) binds them from the tree.
 */
package vn.commune.telemetry.service.config;
