package dev.steward.spring.support;

import dev.steward.spring.ApprovalDecided;
import dev.steward.spring.ApprovalRequested;
import dev.steward.spring.AuditRecorded;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;

/** An application bean that listens to Steward's events as an application would. */
public class StewardEvents {

    public final List<AuditRecorded> audits = new CopyOnWriteArrayList<>();
    public final List<ApprovalRequested> requested = new CopyOnWriteArrayList<>();
    public final List<ApprovalDecided> decided = new CopyOnWriteArrayList<>();

    @EventListener
    public void on(AuditRecorded event) {
        audits.add(event);
    }

    @EventListener
    public void on(ApprovalRequested event) {
        requested.add(event);
    }

    @EventListener
    public void on(ApprovalDecided event) {
        decided.add(event);
    }
}
