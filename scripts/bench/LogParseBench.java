import com.sun.management.OperatingSystemMXBean;
import io.heapreel.model.gclog.GcLogParser;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/** The full log parse alone (what `run`'s log parser thread does): process CPU per round. */
public class LogParseBench {
  public static void main(String[] args) {
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int round = 0; round < Integer.parseInt(args[1]); round++) {
      long[] events = new long[1];
      long before = os.getProcessCpuTime();
      GcLogParser.parse(Path.of(args[0]), e -> events[0]++);
      System.out.printf("%s round %d: %d events, %.3f s of CPU%n",
          args[2], round + 1, events[0], (os.getProcessCpuTime() - before) / 1e9);
    }
  }
}
