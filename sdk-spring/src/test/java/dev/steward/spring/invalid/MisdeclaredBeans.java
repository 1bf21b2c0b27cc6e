package dev.steward.spring.invalid;

import dev.steward.api.annotation.AiCapability;
import dev.steward.api.annotation.CostCeiling;
import dev.steward.api.annotation.RequiresApproval;

/** Beans declared so that Steward must refuse them at startup, each naming its method. */
public final class MisdeclaredBeans {

    private MisdeclaredBeans() {}

    public static class WrongReturnType {
        @AiCapability("claims.summarize")
        public java.util.Map<String, Object> ask(String claimId, String text) {
            return java.util.Map.of();
        }
    }

    public static class FinalMethod {
        @AiCapability("claims.summarize")
        public final String ask(String claimId, String text) {
            return text;
        }
    }

    public static class FinalTool {
        @dev.steward.api.annotation.AiTool(description = "Finds a policy")
        public final String lookupPolicy(String policyId) {
            return policyId;
        }
    }

    public static class PrivateTool {
        @dev.steward.api.annotation.AiTool(description = "Finds a policy")
        private String lookupPolicy(String policyId) {
            return policyId;
        }
    }

    public static class StaticTool {
        @dev.steward.api.annotation.AiTool(description = "Finds a policy")
        public static String lookupPolicy(String policyId) {
            return policyId;
        }
    }

    public static class UnknownTool {
        @AiCapability(value = "claims.summarize", tools = "noSuchTool")
        public String ask(String claimId, String text) {
            return text;
        }
    }

    public interface Summarizer {
        @AiCapability("claims.summarize")
        String ask(String claimId, String text);
    }

    public static class SummarizerBean implements Summarizer {
        @Override
        public String ask(String claimId, String text) {
            return text;
        }
    }

    public static class ApprovalWithoutCapability {
        @RequiresApproval(role = "supervisor")
        @CostCeiling(perCall = "100 tokens")
        public String ask(String claimId) {
            return claimId;
        }
    }

    public static class UnknownPrompt {
        @AiCapability("claims.unknown")
        public String ask(String claimId) {
            return claimId;
        }
    }

    public static class MismatchedFallback {
        @AiCapability(value = "claims.summarize", fallback = "offline")
        public String ask(String claimId, String text) {
            return text;
        }

        String offline(String claimId) {
            return claimId;
        }
    }
}
