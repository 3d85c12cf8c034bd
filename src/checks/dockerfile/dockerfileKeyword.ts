import { z } from "zod";

/** Every instruction the Dockerfile reference defines. */
export const DOCKERFILE_KEYWORDS = [
  "FROM",
  "RUN",
  "CMD",
  "LABEL",
  "MAINTAINER",
  "EXPOSE",
  "ENV",
  "ADD",
  "COPY",
  "ENTRYPOINT",
  "VOLUME",
  "USER",
  "WORKDIR",
  "ARG",
  "ONBUILD",
  "STOPSIGNAL",
  "HEALTHCHECK",
  "SHELL",
] as const;

/** An instruction keyword in any case ("run", "RUN"), normalized to upper case; a typo fails here. */
export const dockerfileKeywordSchema = z
  .string()
  .transform((keyword) => keyword.toUpperCase())
  .pipe(
    z.enum(DOCKERFILE_KEYWORDS, {
      error: (issue) => `${JSON.stringify(issue.input)} is not a Dockerfile instruction`,
    }),
  );
