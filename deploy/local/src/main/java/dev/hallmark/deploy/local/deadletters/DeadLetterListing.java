package dev.hallmark.deploy.local.deadletters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;

/**
 * {@code stack dlt list SERVICE}: one line per dead letter, or one JSON object per line with {@code
 * --json}. Reading commits nothing.
 */
final class DeadLetterListing {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final boolean json;
  private final PrintStream out;
  private int count;

  DeadLetterListing(boolean json, PrintStream out) {
    this.json = json;
    this.out = out;
  }

  void list(PartitionReader reader) throws Exception {
    long beginning = reader.beginning();
    ReplayProgress progress = ReplayProgress.fromCommit(reader.committed(), beginning);
    reader.read(
        beginning,
        reader.end(),
        record -> {
          DeadLetter letter = DeadLetter.of(record);
          boolean replayed = progress.replayed(record.offset());
          out.println(json ? toJson(letter, replayed) : letter.line(replayed));
          count++;
          return true;
        });
  }

  int count() {
    return count;
  }

  private static String toJson(DeadLetter letter, boolean replayed) throws JsonProcessingException {
    return JSON.writeValueAsString(letter.fields(replayed));
  }
}
