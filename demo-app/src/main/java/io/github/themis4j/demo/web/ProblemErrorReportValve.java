package io.github.themis4j.demo.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.res.StringManager;

/**
 * Tomcat's error report for requests that never reach Spring (a URL with an encoded {@code /},
 * {@code \} or NUL, a malformed request line): a problem detail ({@code application/problem+json})
 * like every other error of the API, instead of Tomcat's HTML page. Installed by {@link
 * TomcatErrorsConfiguration}. It reports only what Tomcat would have reported (an error status with
 * no body written), never the request's content.
 */
public class ProblemErrorReportValve extends ErrorReportValve {
  private static final StringManager TOMCAT = StringManager.getManager("org.apache.catalina.valves");

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    String detail =
        status == 400
            ? "the request URL or request line is not valid (encoded '/', '\\\\' and NUL characters"
                + " are refused)"
            : "the request failed before it reached the application";
    String title = TOMCAT.getString("http." + status + ".reason");
    if (title == null || title.startsWith("http.")) {
      title = "Error";
    }
    String json =
        "{\"type\":\"about:blank\",\"title\":\""
            + title.replace("\"", "'")
            + "\",\"status\":"
            + status
            + ",\"detail\":\""
            + detail
            + "\"}";
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      Writer w = response.getReporter();
      if (w != null) {
        w.write(json);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the response was committed meanwhile: nothing more to say
    }
  }
}
