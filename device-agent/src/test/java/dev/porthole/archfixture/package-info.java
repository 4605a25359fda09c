/**
 * Deliberately bad code: each class breaks one module rule, so that ArchitectureTest can prove each
 * rule fails when violated. Never imported by the real-code checks (test classes are excluded there).
 */
package dev.porthole.archfixture;
