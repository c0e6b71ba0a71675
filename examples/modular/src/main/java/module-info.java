/**
 * A modular user of Adjoint. The annotations are needed at compile time only (they stay in class
 * files, nothing reads them at run time); the generated code calls the runtime. Nothing else:
 * no {@code requires java.compiler} (the processor leaves {@code @Generated} out of a module
 * that does not read it).
 */
module demo.modular {
  requires static dev.adjoint.annotations;
  requires dev.adjoint.runtime;
}
