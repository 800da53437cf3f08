package dev.coldstart.rules;

/**
 * What reports say about a rule.
 *
 * @param code the stable code, e.g. CS101
 * @param name the rule's name in words, e.g. eager-reexport
 * @param summary one sentence: what it finds
 * @param docs the path of its documentation in the repository, e.g. docs/rules/CS101.md
 */
public record RuleInfo(String code, String name, String summary, String docs) {}
