package io.gpjobs.rest.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.GPException;
import io.gpjobs.InvalidInputException;
import java.util.List;

/**
 * The {@code uploads} group of a GP service with the Uploads capability: {@code uploads/upload} (multipart, field
 * {@code file}, optional {@code description}), {@code uploads/<itemID>} and {@code uploads/<itemID>/delete}.
 * Thread-safe.
 */
final class UploadRoutes {
    private static final String UPLOADS = "rest/services/{service}/GPServer/uploads";

    private final RestContext ctx;

    UploadRoutes(RestContext ctx) {
        this.ctx = ctx;
    }

    void register(Routes.Builder b) {
        b.add("POST", UPLOADS + "/upload", this::upload);
        b.add("GET,POST", UPLOADS + "/{itemId}", this::item);
        b.add("POST", UPLOADS + "/{itemId}/delete", this::delete);
    }

    private Uploads uploads(Call c) {
        String service = c.var("service");
        ctx.calls().service(service); // 404 for an unknown service
        if (ctx.uploads() == null) {
            throw new GPException(400, "Uploads are not enabled.", List.of("service '" + service
                    + "' does not have the Uploads capability"));
        }
        return ctx.uploads();
    }

    private RestResponse upload(Call c) {
        Uploads u = uploads(c);
        RestRequest.FilePart file = c.request().files().stream().filter(f -> f.name().equals("file")).findFirst()
                .orElseThrow(() -> new InvalidInputException("parameter 'file' is required: a multipart/form-data "
                        + "part named 'file'"));
        Uploads.Item item = u.put(c.var("service"), c.principal(), file, c.param("description"));
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("success", true);
        o.set("item", item.json());
        return Render.resource(c, ctx.pages(), o, "Uploaded " + item.itemName());
    }

    private RestResponse item(Call c) {
        Uploads.Item item = uploads(c).get(c.var("service"), c.principal(), c.var("itemId"));
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("item", item.json());
        return Render.resource(c, ctx.pages(), o, "Item " + item.itemID());
    }

    private RestResponse delete(Call c) {
        uploads(c).delete(c.var("service"), c.principal(), c.var("itemId"));
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("success", true);
        o.put("itemID", c.var("itemId"));
        return Render.resource(c, ctx.pages(), o, "Deleted " + c.var("itemId"));
    }
}
