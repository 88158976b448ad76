package dev.hallmark.audit.recording;

import dev.hallmark.events.ImageRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The image digests an event is about, read through the schema (an {@code image} field or an {@code
 * images} array of {@link ImageRef}), so new event types are covered without code here.
 */
final class ImageDigests {
  private ImageDigests() {}

  static List<String> of(SpecificRecord event) {
    LinkedHashSet<String> digests = new LinkedHashSet<>();
    Schema schema = event.getSchema();
    Schema.Field image = schema.getField("image");
    if (image != null && event.get(image.pos()) instanceof ImageRef ref) {
      digests.add(ref.getDigest());
    }
    Schema.Field images = schema.getField("images");
    if (images != null && event.get(images.pos()) instanceof List<?> list) {
      for (Object element : list) {
        if (element instanceof ImageRef ref) {
          digests.add(ref.getDigest());
        }
      }
    }
    return new ArrayList<>(digests);
  }
}
