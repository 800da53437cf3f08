package dev.coldstart.rules;

import java.util.List;

/**
 * A lint rule: a pure function from its input to findings. Rules about Python source get one
 * file at a time; rules about installations and deploy trees get each root the user named.
 */
sealed interface Rule permits Rule.SourceRule, Rule.TreeRule {
  RuleInfo info();

  /** A rule over one Python file. */
  non-sealed interface SourceRule extends Rule {
    List<Finding> check(PythonFile file, LintContext context);
  }

  /** A rule over a whole tree (files that are not Python source: .pth, bytecode caches, Dockerfiles). */
  non-sealed interface TreeRule extends Rule {
    List<Finding> check(Tree tree, LintContext context);
  }

  /** Builds the info of a rule whose documentation is docs/rules/CODE.md. */
  static RuleInfo info(String code, String name, String summary) {
    return new RuleInfo(code, name, summary, "docs/rules/" + code + ".md");
  }
}
