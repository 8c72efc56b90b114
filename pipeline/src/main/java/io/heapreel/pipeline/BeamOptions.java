package io.heapreel.pipeline;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.apache.beam.sdk.options.ApplicationNameOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;
import org.apache.beam.sdk.util.common.ReflectHelpers;

/**
 * Beam's own options (the runner and its settings) from the arguments heapreel did not take.
 *
 * <p>Beam's {@link PipelineOptionsFactory} registers, when its class is initialised, every options
 * interface its registrars list (13 in the jar), checking each against all registered before it:
 * it sorts their methods by {@code Method.toGenericString} at every comparison, about 70 % of a
 * small {@code run}'s option phase (docs/speed.md, "`run`'s fixed cost, fourth pass"). The registry
 * is only needed to parse arguments: an interface not registered is checked when {@code as()} first
 * asks for it, against the interfaces that options object knows. So with no Beam argument the
 * factory is initialised with the registrars hidden from it; with any, every registrar's interfaces
 * are registered first, as Beam would have at start, so no option is refused whichever came first.
 */
public final class BeamOptions {
  private static final String REGISTRARS = "META-INF/services/" + PipelineOptionsRegistrar.class.getName();
  /** The job's name on a runner that shows one, unless {@code --appName} says otherwise. */
  static final String APP_NAME = "heapreel";

  private BeamOptions() {}

  /**
   * With Beam arguments (a runner that may show the job's name among them) the application is
   * named heapreel rather than after the class that called Beam's factory; without, the
   * DirectRunner shows no name and the name is left alone, which spares checking one more options
   * interface.
   *
   * @throws IllegalArgumentException for an argument Beam does not know or cannot parse
   */
  public static PipelineOptions of(List<String> args) {
    if (args.isEmpty()) {
      withRegistrarsHidden(BeamOptions::initialiseFactory);
      return PipelineOptionsFactory.create();
    }
    registerAll();
    PipelineOptions options = PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).create();
    if (args.stream().noneMatch(a -> a.startsWith("--appName"))) {
      options.as(ApplicationNameOptions.class).setAppName(APP_NAME);
    }
    return options;
  }

  /**
   * Runs {@code body} with the thread's context class loader (where Beam looks for its registrars)
   * seeing no options registrar; every other class and resource as before.
   */
  static void withRegistrarsHidden(Runnable body) {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(new RegistrarsHidden(before != null ? before : BeamOptions.class.getClassLoader()));
    try {
      body.run();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  /** Initialises the factory's class (and so its registry) if nothing has yet; a no-op after. */
  private static void initialiseFactory() {
    try {
      Class.forName(PipelineOptionsFactory.class.getName(), true, PipelineOptionsFactory.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Registers the interfaces of every registrar, in Beam's order; those already registered are skipped by Beam. */
  private static void registerAll() {
    for (PipelineOptionsRegistrar registrar : ReflectHelpers.loadServicesOrdered(PipelineOptionsRegistrar.class, ReflectHelpers.findClassLoader())) {
      for (Class<? extends PipelineOptions> options : registrar.getPipelineOptions()) {
        PipelineOptionsFactory.register(options);
      }
    }
  }

  /** A class loader that delegates everything to its parent but lists no options registrar. */
  private static final class RegistrarsHidden extends ClassLoader {
    RegistrarsHidden(ClassLoader parent) {
      super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return name.equals(REGISTRARS) ? Collections.emptyEnumeration() : super.getResources(name);
    }
  }
}
