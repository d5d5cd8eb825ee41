package main

import (
	"strconv"
	"strings"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/synth"
)

// txRows is the number of CSV rows per inner transaction of LOAD CSV.
const txRows = 10000

// The LOAD CSV statements write exactly the graph `hub load` writes (internal/store/props.go):
// nodes merged on id with the type label and Entity, all properties replaced; relationships
// merged between the Entity nodes of their ids. Labels, relationship types and property keys
// come from package reform's fixed lists and synth's fixed CSV columns; the file URL and the
// dataset id are parameters.

// nodeStatement returns the LOAD CSV statement for the node file of type t.
func nodeStatement(t reform.EntityType) string {
	var props []string
	if t == reform.TypeDocument {
		props = []string{"id: row.id", "name: row.name", "title: row.title", "publisher: row.publisher",
			"date: row.date", "year: toInteger(row.year)", "language: row.language",
			"paragraphs: toInteger(row.paragraphs)", "aliases: []", "aliasText: ''",
			"srcDocs: []", "srcParas: []", "srcQuotes: []", "dataset: $dataset", "datasets: [$dataset]"}
	} else {
		props = []string{"id: row.id", "name: row.name", "nameEn: row.nameEn",
			"description: row.description", "note: row.note",
			"aliases: coalesce(split(row.aliases, '" + synth.ListSep + "'), [])",
			"aliasText: coalesce(replace(row.aliases, '" + synth.ListSep + "', ' / '), '')",
			"dataset: $dataset", "datasets: [$dataset]"}
		for _, f := range reform.TypeFields(t) {
			switch f.Kind {
			case reform.KindInt:
				props = append(props, f.Name+": toInteger(row."+f.Name+")")
			case reform.KindFloat:
				props = append(props, f.Name+": toFloat(row."+f.Name+")")
			default:
				props = append(props, f.Name+": row."+f.Name)
			}
		}
		props = append(props, evidence...)
	}
	return "LOAD CSV WITH HEADERS FROM $url AS row\n" +
		"CALL (row) {\n" +
		"  MERGE (n:" + string(t) + " {id: row.id})\n" +
		"  SET n = {" + strings.Join(props, ", ") + "}, n:" + reform.EntityLabel + "\n" +
		"} IN TRANSACTIONS OF " + strconv.Itoa(txRows) + " ROWS"
}

// relStatement returns the LOAD CSV statement for the relationship file of type t.
func relStatement(t reform.RelType) string {
	props := append([]string{"implied: row.implied = 'true'", "note: row.note", "dataset: $dataset", "datasets: [$dataset]"}, evidence...)
	return "LOAD CSV WITH HEADERS FROM $url AS row\n" +
		"CALL (row) {\n" +
		"  MATCH (a:" + reform.EntityLabel + " {id: row.from})\n" +
		"  MATCH (b:" + reform.EntityLabel + " {id: row.to})\n" +
		"  MERGE (a)-[r:" + string(t) + "]->(b)\n" +
		"  SET r = {" + strings.Join(props, ", ") + "}\n" +
		"} IN TRANSACTIONS OF " + strconv.Itoa(txRows) + " ROWS"
}

// evidence are the evidence list properties, from the '|'-joined CSV columns.
var evidence = []string{
	"srcDocs: split(row.srcDocs, '" + synth.ListSep + "')",
	"srcParas: [p IN split(row.srcParas, '" + synth.ListSep + "') | toInteger(p)]",
	"srcQuotes: split(row.srcQuotes, '" + synth.ListSep + "')",
}
