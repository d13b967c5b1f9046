package dev.signet.samples.spring;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /triage} with the ticket's text: the team and urgency, as JSON. */
@RestController
class TriageController {
    private final Triage triage;

    /** @param triage the predictor the Signet processor generated, a bean by the starter */
    TriageController(Triage triage) {
        this.triage = triage;
    }

    @PostMapping(path = "/triage", consumes = "text/plain", produces = "application/json")
    Triage.Routing triage(@RequestBody String ticket) {
        return triage.route(ticket);
    }
}
