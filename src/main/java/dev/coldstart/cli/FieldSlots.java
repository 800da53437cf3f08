package dev.coldstart.cli;

import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The annotated fields of one verb and its mixins, by number: how the programmatic models of
 * {@link CommandModels} read and write them. Each verb's model has one subclass, a pair of switches
 * over plain field accesses. picocli's own field bindings go through reflection, whose accessors are
 * spun as method handles for each field type on first use (~15-20 ms on a cold JVM here).
 */
abstract class FieldSlots {
  /** The value of field {@code slot}, boxed. */
  abstract Object get(int slot);

  /** Sets field {@code slot} to {@code value} (of the field's type, boxed). */
  abstract void set(int slot, Object value);

  /**
   * An option bound to field {@code slot}, as picocli makes one for an annotated field: it starts
   * from the field's present value (picocli resets the field to it before each parse), and its
   * description key is the annotation's default, empty.
   */
  final OptionSpec.Builder option(int slot, String... names) {
    Binding b = new Binding(this, slot);
    return OptionSpec.builder(names).getter(b).setter(b).initialValue(get(slot)).hasInitialValue(true).descriptionKey("");
  }

  /** A positional parameter bound to field {@code slot} (see {@link #option}). */
  final PositionalParamSpec.Builder positional(int slot) {
    Binding b = new Binding(this, slot);
    return PositionalParamSpec.builder().getter(b).setter(b).initialValue(get(slot)).hasInitialValue(true).descriptionKey("");
  }

  /** One field as picocli's getter and setter. */
  private static final class Binding implements IGetter, ISetter {
    private final FieldSlots fields;
    private final int slot;

    Binding(FieldSlots fields, int slot) {
      this.fields = fields;
      this.slot = slot;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      return (T) fields.get(slot);
    }

    @Override
    public <T> T set(T value) {
      T old = get();
      fields.set(slot, value);
      return old;
    }
  }
}
